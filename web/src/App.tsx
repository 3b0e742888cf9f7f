import { useMemo, useState } from 'react';
import { createApiClient } from '../../src/web-client/api-client.ts';
import { ApiContext } from './api-context.tsx';
import { Layout } from './components/Layout.tsx';
import { AnalyticsPage } from './pages/AnalyticsPage.tsx';
import { CampaignPage } from './pages/CampaignPage.tsx';
import { CampaignsPage } from './pages/CampaignsPage.tsx';
import { CapturedEmailsPage } from './pages/CapturedEmailsPage.tsx';
import { CustomersPage } from './pages/CustomersPage.tsx';
import { JourneyEditorPage } from './pages/JourneyEditorPage.tsx';
import { JourneyPage } from './pages/JourneyPage.tsx';
import { JourneysPage } from './pages/JourneysPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { ProfilePage } from './pages/ProfilePage.tsx';
import { SegmentBuilderPage } from './pages/SegmentBuilderPage.tsx';
import { SegmentPage } from './pages/SegmentPage.tsx';
import { SegmentsPage } from './pages/SegmentsPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { TemplateEditorPage } from './pages/TemplateEditorPage.tsx';
import { TemplatesPage } from './pages/TemplatesPage.tsx';
import { matchPath, useLocation } from './router.tsx';
import { forgetKey, readStoredKey, storeKey } from './session.ts';

function renderPage(path: string) {
  if (path === '/') return <OverviewPage />;
  if (path === '/customers') return <CustomersPage />;
  const profile = matchPath('/customers/:id', path);
  if (profile?.id) return <ProfilePage id={profile.id} />;
  if (path === '/segments') return <SegmentsPage />;
  if (path === '/segments/new') return <SegmentBuilderPage />;
  const segment = matchPath('/segments/:name', path);
  if (segment?.name) return <SegmentPage name={segment.name} />;
  if (path === '/analytics') return <AnalyticsPage />;
  if (path === '/journeys') return <JourneysPage />;
  if (path === '/journeys/new') return <JourneyEditorPage />;
  const journey = matchPath('/journeys/:name', path);
  if (journey?.name) return <JourneyPage name={journey.name} />;
  if (path === '/campaigns') return <CampaignsPage />;
  const campaign = matchPath('/campaigns/:id', path);
  if (campaign?.id) return <CampaignPage id={campaign.id} />;
  if (path === '/templates') return <TemplatesPage />;
  if (path === '/templates/new') return <TemplateEditorPage name={null} />;
  const template = matchPath('/templates/:name', path);
  if (template?.name) return <TemplateEditorPage name={template.name} />;
  if (path === '/emails') return <CapturedEmailsPage />;
  if (path === '/settings') return <SettingsPage />;
  return <NotFoundPage path={path} />;
}

export function App() {
  const [key, setKey] = useState(readStoredKey);
  const { path } = useLocation();
  const client = useMemo(() => (key ? createApiClient({ baseUrl: '', token: key }) : null), [key]);

  if (!client) {
    return (
      <LoginPage
        onLogin={(newKey) => {
          storeKey(newKey);
          setKey(newKey);
        }}
      />
    );
  }
  const logOut = () => {
    forgetKey();
    setKey(null);
  };
  return (
    <ApiContext.Provider value={client}>
      <Layout path={path} onLogOut={logOut}>
        {renderPage(path)}
      </Layout>
    </ApiContext.Provider>
  );
}
