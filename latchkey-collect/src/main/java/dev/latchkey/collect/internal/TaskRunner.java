package dev.latchkey.collect.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.collect.CollectedRecord;
import dev.latchkey.collect.Endpoint;
import dev.latchkey.collect.Job;
import dev.latchkey.collect.JobOptions;
import dev.latchkey.collect.Provenance;
import dev.latchkey.collect.RecordType;
import dev.latchkey.collect.TaskSpec;
import dev.latchkey.collect.internal.Outcomes.Fatal;
import dev.latchkey.collect.internal.Outcomes.GiveUp;
import dev.latchkey.collect.internal.Outcomes.Stopped;
import dev.latchkey.collect.store.Checkpoint;
import dev.latchkey.collect.store.Lease;
import dev.latchkey.collect.store.Page;
import dev.latchkey.collect.store.RawJson;
import dev.latchkey.collect.store.StoreException;
import dev.latchkey.http.ApiException;
import dev.latchkey.http.ApiRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Collects one paged task from its checkpoint to its end, one committed page at a time. */
public final class TaskRunner {
  /** What the runner reports after each committed page. */
  public interface PageListener {
    void committed(TaskSpec task, Endpoint endpoint, Page page, List<CollectedRecord> kept);
  }

  private final Dispatcher dispatcher;
  private final Committer committer;
  private final JobOptions options;
  private final String version;
  private final PageListener pages;
  private final boolean skim;

  /** Commits a page to the store and returns the records that were new. */
  public interface Committer {
    List<CollectedRecord> commit(Lease lease, Page page) throws StoreException;
  }

  public TaskRunner(
      Dispatcher dispatcher,
      Committer committer,
      JobOptions options,
      String version,
      PageListener pages) {
    this(dispatcher, committer, options, version, pages, false);
  }

  /**
   * A runner that, when {@code skim} is true (the store keeps records, not pages), leaves each
   * record in the answer's bytes until someone asks for its tree ({@link RawJson#skim}).
   */
  public TaskRunner(
      Dispatcher dispatcher,
      Committer committer,
      JobOptions options,
      String version,
      PageListener pages,
      boolean skim) {
    this.dispatcher = dispatcher;
    this.committer = committer;
    this.options = options;
    this.version = version;
    this.pages = pages;
    this.skim = skim;
  }

  /** Runs the task from its checkpoint until it is done. */
  public void run(Lease lease) throws GiveUp, Stopped, StoreException {
    TaskSpec task = lease.task();
    Plan plan = Plan.of(task, options, dispatcher.gateway().platform());
    Checkpoint cp = lease.checkpoint();
    ObjectNode cursor = cp.pages() == 0 && cp.cursor().isEmpty() ? plan.startCursor() : cp.cursor();
    String label = task.describe();
    List<CollectedRecord> invalid = new ArrayList<>();
    if (cp.pages() == 0 && !plan.invalid().isEmpty()) {
      Provenance none =
          new Provenance(
              "", dispatcher.now(), dispatcher.gateway().account(), version, label, null, null);
      for (String t : plan.invalid()) {
        invalid.add(
            new CollectedRecord(RecordType.ERROR, null, Failures.invalidName(label, t), none));
      }
      if (plan.nothingToAsk()) {
        commitEnd(lease, cp, cursor, null, none, invalid);
        return;
      }
    }
    while (true) {
      Plan.Resolution resolution = plan.resolution(cursor);
      if (resolution != null) {
        String id = resolve(task, plan, resolution, lease, cp, cursor);
        if (id == null) {
          return; // an error record ended the task
        }
        cursor.put("user_id", id);
      }
      long wanted = options.limit() == null ? Long.MAX_VALUE : options.limit() - cp.records();
      ApiRequest request = plan.request(cursor, wanted);
      Dispatcher.Reply reply;
      try {
        reply = dispatcher.send(plan.endpoint(), request, skim ? TaskRunner::read : null);
      } catch (ApiException e) {
        endWithError(lease, cp, cursor, plan.endpoint(), request, label, plan.target(), e);
        return;
      }
      Provenance prov = provenance(request, reply.received(), label, plan, cursor);
      JsonNode body = reply.json();
      String subject = cursor.path("user_id").asText(null);
      List<ObjectNode> found = plan.records(body, subject);
      Map<String, ObjectNode> authors = authors(body);
      List<CollectedRecord> records = new ArrayList<>();
      boolean stop = false;
      long room = wanted;
      for (ObjectNode o : found) {
        if (plan.newerThanUntil(o)) {
          continue;
        }
        if (plan.olderThanSince(o)) {
          stop = true;
          break;
        }
        if (room <= 0) {
          stop = true;
          break;
        }
        String id =
            plan.type() == RecordType.FOLLOW
                ? o.path("source_id").asText() + ">" + o.path("target_id").asText()
                : plan.id(o);
        RawJson.Slice slice = reply.source().slice(o);
        ObjectNode author = null;
        if (plan.type() == RecordType.TWEET && !authors.isEmpty() && o.has("author_id")) {
          author = authors.get(o.get("author_id").asText());
        }
        RawJson.Slice inlined =
            slice == null || author == null || slice.has("author")
                ? null
                : reply.source().slice(author);
        if (slice != null && (inlined != null || author == null || slice.has("author"))) {
          records.add(CollectedRecord.of(plan.type(), id, slice, inlined, prov));
        } else {
          // a record read whole (or whose author was): as the platform sent it, author inlined
          ObjectNode tree = slice == null ? o : slice.tree();
          if (author != null && !tree.has("author")) {
            if (tree == o) {
              tree = o.deepCopy(); // o is part of the page, which is kept as the platform sent it
            }
            tree.set("author", author);
          }
          records.add(new CollectedRecord(plan.type(), id, tree, prov));
        }
        room--;
      }
      if (room <= 0) {
        stop = true;
      }
      long errors = 0;
      for (CollectedRecord r : invalid) {
        records.add(r);
        errors++;
      }
      invalid.clear();
      if (plan.lookupErrors()) {
        for (ObjectNode err : lookupErrors(plan, task, body, found)) {
          records.add(new CollectedRecord(RecordType.ERROR, null, err, prov));
          errors++;
        }
      } else if (found.isEmpty() && body.has("errors") && !body.has("data")) {
        for (JsonNode e : body.get("errors")) {
          records.add(
              new CollectedRecord(RecordType.ERROR, null, Failures.partial(label, e), prov));
          errors++;
        }
        stop = true;
      }
      ObjectNode next = stop ? null : plan.next(cursor, body, found);
      Checkpoint nextCp =
          cp.next(next == null ? cursor : next, next == null, records.size() - errors, errors);
      Page page = new Page(records, List.of(body), prov, nextCp, reply.source());
      List<CollectedRecord> kept = committer.commit(lease, page);
      pages.committed(task, plan.endpoint(), page, kept);
      cp = nextCp;
      if (next == null) {
        return;
      }
      cursor = next;
    }
  }

  private String resolve(
      TaskSpec task,
      Plan plan,
      Plan.Resolution resolution,
      Lease lease,
      Checkpoint cp,
      ObjectNode cursor)
      throws GiveUp, Stopped, StoreException {
    Dispatcher.Reply reply;
    try {
      reply = dispatcher.send(resolution.endpoint(), resolution.request());
    } catch (ApiException e) {
      endWithError(
          lease,
          cp,
          cursor,
          resolution.endpoint(),
          resolution.request(),
          task.describe(),
          plan.target(),
          e);
      return null;
    }
    JsonNode id = reply.json().at(resolution.idPointer());
    if (!id.isMissingNode() && !id.isNull() && !id.asText().isEmpty()) {
      return id.asText();
    }
    Provenance prov =
        provenance(resolution.request(), reply.received(), task.describe(), plan, cursor);
    List<CollectedRecord> records = new ArrayList<>();
    JsonNode errs = reply.json().path("errors");
    if (errs.isArray() && errs.size() > 0) {
      for (JsonNode e : errs) {
        records.add(
            new CollectedRecord(
                RecordType.ERROR, null, Failures.partial(task.describe(), e), prov));
      }
    } else {
      records.add(
          new CollectedRecord(
              RecordType.ERROR,
              null,
              Failures.missing(task.describe(), plan.target(), 50, "User not found."),
              prov));
    }
    commitEnd(lease, cp, cursor, reply.json(), prov, records);
    return null;
  }

  private void endWithError(
      Lease lease,
      Checkpoint cp,
      ObjectNode cursor,
      Endpoint endpoint,
      ApiRequest request,
      String label,
      String target,
      ApiException e)
      throws StoreException {
    if (Failures.badInput(e)) {
      throw new Fatal(endpoint.platform() + " refused " + label + ": " + e.getMessage(), true);
    }
    if (!Failures.aboutTarget(e)) {
      throw new Fatal(e.getMessage(), false);
    }
    Provenance prov =
        new Provenance(
            dispatcher.gateway().url(request),
            dispatcher.now(),
            dispatcher.gateway().account(),
            version,
            label,
            null,
            null);
    List<CollectedRecord> records = new ArrayList<>();
    List<String> targets =
        lease.task().kind().isLookup() ? lease.task().targets() : List.of(target);
    for (String t : targets) {
      records.add(new CollectedRecord(RecordType.ERROR, null, Failures.record(label, t, e), prov));
    }
    commitEnd(lease, cp, cursor, null, prov, records);
  }

  private void commitEnd(
      Lease lease,
      Checkpoint cp,
      ObjectNode cursor,
      JsonNode raw,
      Provenance prov,
      List<CollectedRecord> records)
      throws StoreException {
    Checkpoint done = cp.next(cursor, true, 0, records.size());
    Page page = new Page(records, raw == null ? List.of() : List.of(raw), prov, done);
    List<CollectedRecord> kept = committer.commit(lease, page);
    pages.committed(lease.task(), null, page, kept);
  }

  private Provenance provenance(
      ApiRequest request, Instant received, String label, Plan plan, ObjectNode cursor) {
    String subject = plan.relation() == null ? null : cursor.path("user_id").asText(null);
    return new Provenance(
        dispatcher.gateway().url(request),
        received,
        dispatcher.gateway().account(),
        version,
        label,
        plan.type() == RecordType.FOLLOW ? null : plan.relation(),
        plan.type() == RecordType.FOLLOW ? null : subject);
  }

  /**
   * Which arrays of an answer the runner reads when it skims: all but the expansions other than
   * {@code includes.users} (the authors it inlines); the others stay in the bytes.
   */
  private static boolean read(String pointer) {
    return !pointer.startsWith("/includes/") || pointer.equals("/includes/users");
  }

  /** v2 {@code includes.users} by id, to inline each tweet's author (as twarc2's flatten does). */
  private static Map<String, ObjectNode> authors(JsonNode body) {
    JsonNode users = body.at("/includes/users");
    if (!users.isArray()) {
      return Map.of();
    }
    Map<String, ObjectNode> out = new HashMap<>();
    for (JsonNode u : users) {
      if (u instanceof ObjectNode o && o.has("id")) {
        out.put(o.get("id").asText(), o);
      }
    }
    return out;
  }

  /** Error records for lookup targets the answer did not return. */
  private static List<ObjectNode> lookupErrors(
      Plan plan, TaskSpec task, JsonNode body, List<ObjectNode> found) {
    List<ObjectNode> out = new ArrayList<>();
    String label = task.describe();
    JsonNode errors = body.path("errors");
    if (errors.isArray() && body.isObject() && !body.has("statuses")) {
      Set<String> reported = new HashSet<>();
      for (JsonNode e : errors) {
        out.add(Failures.partial(label, e));
        JsonNode v = e.get("value");
        if (v == null) {
          v = e.get("resource_id");
        }
        if (v != null) {
          reported.add(v.asText().toLowerCase(Locale.ROOT));
        }
      }
      if (body.has("data") || !out.isEmpty()) {
        return out;
      }
    }
    if (!body.isArray()) {
      return out;
    }
    // v1.1 lookups drop unknown, suspended and deleted items silently: name what is missing.
    Set<String> returned = new HashSet<>();
    for (ObjectNode o : found) {
      for (String f : List.of("id_str", "screen_name")) {
        JsonNode v = o.get(f);
        if (v != null) {
          returned.add(v.asText().toLowerCase(Locale.ROOT));
        }
      }
    }
    boolean users = plan.type() == RecordType.USER;
    for (String t : task.targets()) {
      String key = Job.normalizeUser(t).toLowerCase(Locale.ROOT);
      if (!returned.contains(key)) {
        out.add(
            Failures.missing(
                label,
                t,
                users ? 17 : 144,
                users
                    ? "No user matches (unknown, suspended or deactivated; v1.1 users/lookup"
                        + " leaves them out)"
                    : "No status found with that ID (deleted, or from a protected or suspended"
                        + " account)"));
      }
    }
    return out;
  }
}
