create table tenants (
    id          uuid primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table api_keys (
    id          uuid primary key,
    tenant_id   uuid not null references tenants (id),
    prefix      text not null unique,
    key_hash    text not null,
    role        text not null check (role in ('admin', 'reader')),
    name        text not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);
create index api_keys_tenant on api_keys (tenant_id, created_at desc);

create table drifts (
    id                      uuid primary key,
    tenant_id               uuid not null references tenants (id),
    resource_type           text not null,
    resource_id             text not null,
    region                  text not null,
    severity                text not null check (severity in ('low', 'medium', 'high', 'critical')),
    status                  text not null check (status in ('open', 'acknowledged', 'remediated', 'ignored')),
    expected_state          jsonb not null,
    actual_state            jsonb not null,
    detected_at             timestamptz not null,
    resolved_at             timestamptz,
    monthly_cost_delta_usd  numeric(14, 2) not null default 0
);
-- Cursor paging walks (detected_at, id) downwards inside one tenant, optionally filtered.
create index drifts_page on drifts (tenant_id, detected_at desc, id desc);
create index drifts_page_severity on drifts (tenant_id, severity, detected_at desc, id desc);
create index drifts_page_status on drifts (tenant_id, status, detected_at desc, id desc);

create table idempotency_keys (
    tenant_id     uuid not null references tenants (id),
    key           text not null,
    request_hash  text not null,
    drift_id      uuid not null references drifts (id),
    created_at    timestamptz not null default now(),
    primary key (tenant_id, key)
);

create table audit_events (
    id           bigserial primary key,
    tenant_id    uuid not null references tenants (id),
    actor_key_id uuid,
    action       text not null,
    target_type  text not null,
    target_id    text not null,
    request_id   text,
    detail       jsonb not null default '{}'::jsonb,
    created_at   timestamptz not null default now()
);
create index audit_events_tenant on audit_events (tenant_id, id desc);
