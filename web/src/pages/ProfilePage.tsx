import { AsyncView } from '../components/AsyncView.tsx';
import { ConsentPanel } from '../components/ConsentPanel.tsx';
import { PropertyTable } from '../components/PropertyTable.tsx';
import { ProfileScores } from '../components/ProfileScores.tsx';
import { Timeline } from '../components/Timeline.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';

export function ProfilePage({ id }: { id: string }) {
  const api = useApi();
  const profile = useAsync(() => api.getProfile(id), [api, id]);
  return (
    <section aria-labelledby="profile-title">
      <p>
        <Link to="/customers">← Customers</Link>
      </p>
      <AsyncView state={profile}>
        {(data) => (
          <>
            <h1 id="profile-title">{data.email ?? data.userId ?? data.id}</h1>
            <p className="muted">
              Profile <code>{data.id}</code> · first seen {formatDateTime(data.firstSeenAt)} · last seen{' '}
              {formatDateTime(data.lastSeenAt)}
            </p>
            <ProfileScores computed={data.computed} />
            <div className="columns">
              <section aria-labelledby="traits-title">
                <h2 id="traits-title">Traits</h2>
                <PropertyTable values={data.traits} empty="No traits." />
              </section>
              <section aria-labelledby="computed-title">
                <h2 id="computed-title">Computed traits</h2>
                <PropertyTable values={data.computed} empty="Nothing computed yet." />
              </section>
              <section aria-labelledby="identities-title">
                <h2 id="identities-title">Identities</h2>
                <ul className="plain">
                  {data.identities.map((identity) => (
                    <li key={`${identity.kind}:${identity.value}`}>
                      <span className="muted">{identity.kind}</span> <code>{identity.value}</code>
                    </li>
                  ))}
                </ul>
                <Memberships profileId={data.id} />
                <ConsentPanel profileId={data.id} />
              </section>
            </div>
            <Timeline profileId={data.id} />
          </>
        )}
      </AsyncView>
    </section>
  );
}

function Memberships({ profileId }: { profileId: string }) {
  const api = useApi();
  const memberships = useAsync(() => api.getProfileMemberships(profileId), [api, profileId]);
  return (
    <>
      <h2>Segments</h2>
      <AsyncView state={memberships}>
        {(data) =>
          data.memberships.length === 0 ? (
            <p className="muted">In no saved segment.</p>
          ) : (
            <ul className="plain" aria-label="Segment memberships">
              {data.memberships.map((membership) => (
                <li key={membership.segment}>
                  <Link to={`/segments/${encodeURIComponent(membership.segment)}`}>{membership.segment}</Link>{' '}
                  <span className="muted">since {formatDateTime(membership.enteredAt)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </AsyncView>
    </>
  );
}
