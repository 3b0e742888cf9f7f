import { useState } from 'react';
import { AsyncView } from '../components/AsyncView.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime, formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync, useDebounced } from '../use-async.ts';

const PAGE_SIZE = 25;

/** Profiles, newest activity first, searched and paged by the server (the page never loads more than 25). */
export function CustomersPage() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const settledSearch = useDebounced(search.trim(), 300);
  const page = useAsync(
    () => api.listProfiles({ limit: PAGE_SIZE, offset, ...(settledSearch ? { search: settledSearch } : {}) }),
    [api, settledSearch, offset],
  );

  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <form role="search" onSubmit={(event) => event.preventDefault()} className="toolbar">
        <label htmlFor="customer-search">Search by email, user id or anonymous id</label>
        <input
          id="customer-search"
          type="search"
          value={search}
          placeholder="e.g. anna@example.com or user-000042"
          onChange={(event) => {
            setSearch(event.target.value);
            setOffset(0);
          }}
        />
      </form>
      <AsyncView state={page}>
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {data.total === 0
                ? 'No profiles match.'
                : `${formatInteger(offset + 1)}–${formatInteger(offset + data.profiles.length)} of ${formatInteger(data.total)} profiles`}
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Profile</th>
                    <th scope="col">Email</th>
                    <th scope="col" className="wide-only">
                      RFM segment
                    </th>
                    <th scope="col" className="wide-only">
                      Last seen
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.profiles.map((profile) => {
                    const rfm = profile.computed.rfm;
                    const segment =
                      rfm && typeof rfm === 'object' && 'segment' in rfm && typeof rfm.segment === 'string'
                        ? rfm.segment
                        : '—';
                    return (
                      <tr key={profile.id}>
                        <td>
                          <Link to={`/customers/${encodeURIComponent(profile.id)}`}>
                            {profile.userId ?? profile.id}
                          </Link>
                        </td>
                        <td>{profile.email ?? '—'}</td>
                        <td className="wide-only">{segment}</td>
                        <td className="wide-only">{formatDateTime(profile.lastSeenAt)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <nav aria-label="Pages" className="pager">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
              >
                Previous
              </button>
              <button
                type="button"
                disabled={offset + PAGE_SIZE >= data.total}
                onClick={() => setOffset(offset + PAGE_SIZE)}
              >
                Next
              </button>
            </nav>
          </>
        )}
      </AsyncView>
    </section>
  );
}
