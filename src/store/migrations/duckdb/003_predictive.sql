-- Predictive analytics: fitted models (CLV, churn, recommendation builds) and item-to-item recommendations.
-- None of these tables holds per-profile rows: scores live in profiles.computed, so merges need nothing here.

-- Every fit is a new version; readers take the highest version of a name. params holds what scoring needs
-- (coefficients, options), metrics what the fit measured (log-likelihood, held-out AUC, …).
create table models (
  name varchar not null,
  version integer not null,
  kind varchar not null,
  params json not null,
  metrics json not null,
  trained_at timestamp not null,
  primary key (name, version)
);

-- The nearest neighbours of each item by co-purchase (rebuilt as a whole by `segmint recommend build`).
create table item_similarities (
  item_id varchar not null,
  similar_item_id varchar not null,
  -- Cosine or lift of the two items' buyer sets; higher is more similar.
  score double not null,
  -- Profiles that bought both items.
  co_buyers integer not null,
  primary key (item_id, similar_item_id)
);

-- Items by number of distinct buyers: the fallback for profiles with too little history (cold start).
create table item_popularity (
  item_id varchar primary key,
  buyers integer not null,
  -- 1 = most bought; ties broken by item id.
  popularity_rank integer not null
);
