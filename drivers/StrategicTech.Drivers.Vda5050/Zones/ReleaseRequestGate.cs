using System.Globalization;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Zones;

/// <summary>
/// The AGV side of 3.0 zone and edge requests. Before the robot enters a RELEASE zone of its enabled zone set it
/// raises an ACCESS zone request, and before it drives an edge whose corridor has <c>releaseRequired</c> it raises a
/// CORRIDOR edge request; both are reported in state (REQUESTED) and the robot waits until the master's
/// <c>responses</c> say GRANTED. A grant holds until the master revokes it or its <c>leaseExpiry</c> passes
/// (EXPIRED). Losing the release inside a zone follows the zone's releaseLossBehavior: STOP halts; CONTINUE and
/// EVACUATE drive on along the path out of the zone (no separate evacuation path is planned). Losing a corridor
/// release on the edge halts (STOP; RETURN is not driven, and halting is the safe reading of it). A lost release
/// is asked for again at once, so the robot goes on when the master grants it anew. A request ends (leaves state)
/// when the robot has left the zone or finished the edge, which is what tells the master the zone is free.
/// </summary>
public sealed class ReleaseRequestGate
{
    private readonly TimeProvider _time;
    private readonly string _idPrefix;
    private readonly Lock _lock = new();
    private readonly List<Request> _requests = [];
    private long _nextId;
    private long _unknownResponses;

    /// <param name="idPrefix">Prefix of request ids (the standard asks them unique per robot among active requests).</param>
    public ReleaseRequestGate(TimeProvider time, string idPrefix = "rq")
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _idPrefix = idPrefix;
    }

    /// <summary>Responses naming no active request (late, duplicate, or for another robot), or with an unreadable leaseExpiry.</summary>
    public long UnknownResponses => Interlocked.Read(ref _unknownResponses);

    /// <summary>
    /// Whether the robot may move from (x0, y0) to (x1, y1) as far as the RELEASE zones of <paramref name="set"/> go;
    /// raises the requests that are missing. Call it before every step.
    /// </summary>
    public bool MayMove(ZoneSetDefinition? set, double x0M, double y0M, double x1M, double y1M)
    {
        if (set is null)
        {
            return true;
        }

        lock (_lock)
        {
            ExpireLeases();
            bool allowed = true;
            foreach (Zone zone in set.Zones)
            {
                if (zone.ZoneType != ZoneType.Release)
                {
                    continue;
                }

                bool insideNow = ZonePolygon.Contains(zone, x0M, y0M);
                if (!insideNow && !ZonePolygon.Contains(zone, x1M, y1M))
                {
                    continue;
                }

                Request? r = _requests.Find(q => !q.IsEdge && q.ZoneSetId == set.ZoneSetId && q.ZoneId == zone.ZoneId);
                if (r is { Status: RequestStatus.Granted })
                {
                    continue;
                }

                if (r is null || r.Status != RequestStatus.Requested)
                {
                    Replace(r, NewZoneRequest(set.ZoneSetId, zone.ZoneId, entered: insideNow));
                }

                // Entering needs the grant; inside, a lost release stops the robot only when the zone says STOP.
                allowed &= insideNow && zone.ReleaseLossBehavior != ZoneReleaseLossBehavior.Stop;
            }

            return allowed;
        }
    }

    /// <summary>After a step: marks the zones the robot is in and ends the requests of zones it has left.</summary>
    public void Moved(ZoneSetDefinition? set, double xM, double yM)
    {
        if (set is null)
        {
            return;
        }

        lock (_lock)
        {
            foreach (Zone zone in set.Zones)
            {
                Request? r = zone.ZoneType == ZoneType.Release
                    ? _requests.Find(q => !q.IsEdge && q.ZoneSetId == set.ZoneSetId && q.ZoneId == zone.ZoneId)
                    : null;
                if (r is null)
                {
                    continue;
                }

                if (ZonePolygon.Contains(zone, xM, yM))
                {
                    r.Entered = true;
                }
                else if (r.Entered)
                {
                    _requests.Remove(r);
                }
            }
        }
    }

    /// <summary>
    /// Whether the robot may start (or go on along) the edge; for a corridor with releaseRequired it raises the
    /// request and waits for the grant. Call it before every step on the edge.
    /// </summary>
    public bool MayTraverse(Edge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        if (edge.Corridor?.ReleaseRequired != true)
        {
            return true;
        }

        lock (_lock)
        {
            ExpireLeases();
            Request? r = _requests.Find(q => q.IsEdge && q.EdgeId == edge.EdgeId && q.SequenceId == edge.SequenceId);
            if (r is { Status: RequestStatus.Granted })
            {
                r.Entered = true;
                return true;
            }

            if (r is null || r.Status != RequestStatus.Requested)
            {
                Replace(r, NewEdgeRequest(edge.EdgeId, edge.SequenceId, entered: r?.Entered ?? false));
            }

            return false;
        }
    }

    /// <summary>The edge is done (its end node reached) or dropped from the order: its request ends.</summary>
    public void EdgeFinished(string edgeId, uint sequenceId)
    {
        lock (_lock)
        {
            _requests.RemoveAll(q => q.IsEdge && q.EdgeId == edgeId && q.SequenceId == sequenceId);
        }
    }

    /// <summary>
    /// The broker connection is gone: the master can no longer revoke a grant and gives a lost robot's rooms to the
    /// next in line, so every grant counts as lost (REVOKED). Outside, the robot asks again and waits for a new grant
    /// before it enters; inside, the zone's releaseLossBehavior applies (STOP halts, CONTINUE/EVACUATE drive out).
    /// </summary>
    public void ConnectionLost()
    {
        lock (_lock)
        {
            foreach (Request r in _requests)
            {
                if (r.Status == RequestStatus.Granted)
                {
                    r.Status = RequestStatus.Revoked;
                }
            }
        }
    }

    /// <summary>Ends every request (order cancelled, robot taken out of automatic mode).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }

    /// <summary>Applies the master's answers: GRANTED (with its lease), QUEUED (still waiting), REVOKED, REJECTED (no permission: REVOKED).</summary>
    public void Apply(Responses responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        lock (_lock)
        {
            foreach (RequestResponse answer in responses.Items)
            {
                Request? r = _requests.Find(q => q.RequestId == answer.RequestId);
                DateTimeOffset? expiry = null;
                if (r is null || (answer.LeaseExpiry is not null && !TryParseTime(answer.LeaseExpiry, out expiry)))
                {
                    Interlocked.Increment(ref _unknownResponses);
                    continue;
                }

                switch (answer.GrantType)
                {
                    case GrantType.Granted when r.Status == RequestStatus.Requested:
                        r.Status = RequestStatus.Granted;
                        r.LeaseExpiry = expiry;
                        break;
                    case GrantType.Revoked or GrantType.Rejected:
                        r.Status = RequestStatus.Revoked;
                        break;
                    default:
                        break; // QUEUED: still waiting; a late GRANTED after a revoke does not revive the request
                }
            }

            ExpireLeases();
        }
    }

    /// <summary>The zone requests for state.zoneRequests (an empty list when none is active, as 3.0 asks).</summary>
    public List<ZoneRequest> ZoneRequests()
    {
        lock (_lock)
        {
            ExpireLeases();
            return _requests.FindAll(q => !q.IsEdge).ConvertAll(q => new ZoneRequest
            {
                RequestId = q.RequestId, RequestType = ZoneRequestType.Access, ZoneId = q.ZoneId, ZoneSetId = q.ZoneSetId, RequestStatus = q.Status,
            });
        }
    }

    /// <summary>The edge requests for state.edgeRequests.</summary>
    public List<EdgeRequest> EdgeRequests()
    {
        lock (_lock)
        {
            ExpireLeases();
            return _requests.FindAll(q => q.IsEdge).ConvertAll(q => new EdgeRequest
            {
                RequestId = q.RequestId, RequestType = EdgeRequestType.Corridor, EdgeId = q.EdgeId, SequenceId = q.SequenceId, RequestStatus = q.Status,
            });
        }
    }

    private void ExpireLeases()
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (Request r in _requests)
        {
            if (r.Status == RequestStatus.Granted && r.LeaseExpiry is DateTimeOffset end && now >= end)
            {
                r.Status = RequestStatus.Expired;
            }
        }
    }

    private void Replace(Request? old, Request fresh)
    {
        if (old is not null)
        {
            _requests.Remove(old);
        }

        _requests.Add(fresh);
    }

    private string NextId() => _idPrefix + "-" + (++_nextId).ToString(CultureInfo.InvariantCulture);

    private Request NewZoneRequest(string zoneSetId, string zoneId, bool entered) =>
        new() { RequestId = NextId(), ZoneSetId = zoneSetId, ZoneId = zoneId, Entered = entered };

    private Request NewEdgeRequest(string edgeId, uint sequenceId, bool entered) =>
        new() { RequestId = NextId(), IsEdge = true, EdgeId = edgeId, SequenceId = sequenceId, Entered = entered };

    private static bool TryParseTime(string text, out DateTimeOffset? time)
    {
        bool ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t);
        time = ok ? t : null;
        return ok;
    }

    private sealed class Request
    {
        public required string RequestId { get; init; }

        public bool IsEdge { get; init; }

        public string ZoneSetId { get; init; } = string.Empty;

        public string ZoneId { get; init; } = string.Empty;

        public string EdgeId { get; init; } = string.Empty;

        public uint SequenceId { get; init; }

        public RequestStatus Status { get; set; } = RequestStatus.Requested;

        public DateTimeOffset? LeaseExpiry { get; set; }

        public bool Entered { get; set; }
    }
}
