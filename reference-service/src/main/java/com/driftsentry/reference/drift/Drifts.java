package com.driftsentry.reference.drift;

import com.driftsentry.reference.audit.AuditLog;
import com.driftsentry.reference.auth.Principal;
import com.driftsentry.reference.dashboard.SummaryCache;
import com.driftsentry.reference.http.ApiProblem;
import com.driftsentry.reference.store.Transactions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The drift use cases: each write commits together with its audit entry, then drops the tenant's cached summary. */
public final class Drifts {
    /** A created drift, and whether it is the replay of an earlier request with the same idempotency key. */
    public record Created(Drift drift, boolean replayed) {
    }

    private final Transactions tx;
    private final DriftRepository repository;
    private final IdempotencyKeys idempotency;
    private final AuditLog audit;
    private final SummaryCache summaries;

    public Drifts(Transactions tx, DriftRepository repository, IdempotencyKeys idempotency, AuditLog audit, SummaryCache summaries) {
        this.tx = tx;
        this.repository = repository;
        this.idempotency = idempotency;
        this.audit = audit;
        this.summaries = summaries;
    }

    public Created report(Principal who, DriftInput input, String idempotencyKey, String requestHash, String requestId) {
        Created created = tx.inTransaction(c -> {
            if (idempotencyKey != null) {
                Optional<IdempotencyKeys.Stored> earlier = idempotency.lockAndFind(c, who.tenantId(), idempotencyKey);
                if (earlier.isPresent()) {
                    if (!earlier.get().requestHash().equals(requestHash)) {
                        throw new ApiProblem(422, "Unprocessable Entity",
                                "Idempotency-Key was already used with a different body (fix: use a new key for a new drift)");
                    }
                    return new Created(repository.find(c, who.tenantId(), earlier.get().driftId(), false).orElseThrow(), true);
                }
            }
            Drift drift = repository.insert(c, who.tenantId(), input);
            if (idempotencyKey != null) {
                idempotency.save(c, who.tenantId(), idempotencyKey, requestHash, drift.id());
            }
            audit.record(c, who.tenantId(), who.keyId(), "drift.reported", "drift", drift.id().toString(), requestId,
                    Map.of("severity", drift.severity(), "resourceType", drift.resourceType()));
            return new Created(drift, false);
        });
        if (!created.replayed()) {
            summaries.invalidate(who.tenantId());
        }
        return created;
    }

    public Drift get(Principal who, UUID id) {
        return tx.read(c -> repository.find(c, who.tenantId(), id, false))
                .orElseThrow(() -> ApiProblem.notFound("No drift " + id));
    }

    public List<Drift> list(Principal who, Severity severity, DriftStatus status, Page page) {
        return tx.read(c -> repository.list(c, who.tenantId(), severity, status, page));
    }

    public Drift transition(Principal who, UUID id, DriftStatus.Transition transition, String requestId) {
        Drift changed = tx.inTransaction(c -> {
            Drift current = repository.find(c, who.tenantId(), id, true).orElseThrow(() -> ApiProblem.notFound("No drift " + id));
            DriftStatus from = DriftStatus.parse("status", current.status());
            if (!transition.allowedFrom(from)) {
                throw ApiProblem.conflict("Cannot " + transition.wire() + " a drift that is " + from.wire());
            }
            Drift updated = repository.changeStatus(c, who.tenantId(), id, transition.target());
            audit.record(c, who.tenantId(), who.keyId(), "drift." + transition.target().wire(), "drift", id.toString(), requestId,
                    Map.of("from", from.wire(), "to", transition.target().wire()));
            return updated;
        });
        summaries.invalidate(who.tenantId());
        return changed;
    }
}
