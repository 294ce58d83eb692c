using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Fleet.Zones;

/// <summary>
/// The master side of VDA 5050 3.0 zone and edge requests. A RELEASE zone (ACCESS zone request) and a corridor edge
/// (CORRIDOR edge request) are resources with a capacity (1 unless <c>capacityOf</c> says otherwise); a request is
/// GRANTED while the resource has room and nobody queues before it, else QUEUED in arrival order. A robot occupies
/// the resource from its grant until its request leaves its state (it left the zone or finished the edge): only
/// that frees the room for the next in the queue. A revoke (e-stop) or an expired lease does not free it either,
/// because the robot may still be inside; when the robot asks again it gets its room back (after the stop is lifted).
/// A robot's state is the whole truth about its requests, so a lost response is repaired: a request still shown
/// REQUESTED after its grant is granted again. A robot whose connection breaks (last will CONNECTIONBROKEN, OFFLINE,
/// or no state for the state timeout) cannot be told a revoke any more, so its grants end: the room goes to the next
/// in line at once, or, when the grant carried a lease, when that lease runs out (a lease is the standard's bound on
/// how long a silent robot may hold a zone; our AGV drops its grants itself when it loses the broker). Its queued
/// requests leave their queues. Back, it must ask again: a request it still shows GRANTED from before is answered
/// REVOKED, unless its lease still held the room for it. A COORDINATED_REPLANNING zone is coordinated the same way:
/// a REPLANNING zone request asks leave to replan its own path inside the zone, and the master gives that leave to one
/// robot of the zone at a time (the resource "replan:zoneSetId/zoneId", capacity 1 unless <c>capacityOf</c> says
/// otherwise), the others QUEUED until it withdraws the request; robots in the zone without leave keep to their
/// orders, and the master replans them. Not real-time; one lock.
/// </summary>
public sealed class ReleaseArbiter
{
    private readonly TimeProvider _time;
    private readonly TimeSpan? _lease;
    private readonly Func<string, int> _capacityOf;
    private readonly TimeSpan? _stateTimeout;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Robot> _robots = new(StringComparer.Ordinal);
    private bool _haltedAll;

    /// <summary>
    /// States that may still show a granted request as REQUESTED before the grant is sent again: the grant is on its
    /// way for a few states (one every 0.1 s while driving), so only a longer silence means it was lost.
    /// </summary>
    private const int ResendAfterReports = 20;

    /// <param name="lease">Lease given with every grant (none: until revoked).</param>
    /// <param name="capacityOf">Robots a resource admits at once, by key ("zone:zoneSetId/zoneId", "replan:zoneSetId/zoneId" or "edge:edgeId"); default 1.</param>
    /// <param name="stateTimeout">A robot holding or asking for a resource that sends no state for this long counts as lost (none: only its connection message says so).</param>
    public ReleaseArbiter(TimeProvider time, TimeSpan? lease = null, Func<string, int>? capacityOf = null, TimeSpan? stateTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _lease = lease;
        _capacityOf = capacityOf ?? (_ => 1);
        _stateTimeout = stateTimeout;
    }

    public static string ZoneKey(string zoneSetId, string zoneId) => "zone:" + zoneSetId + "/" + zoneId;

    public static string EdgeKey(string edgeId) => "edge:" + edgeId;

    /// <summary>The leave to replan inside a COORDINATED_REPLANNING zone.</summary>
    public static string ReplanKey(string zoneSetId, string zoneId) => "replan:" + zoneSetId + "/" + zoneId;

    /// <summary>Robots holding (granted, or revoked but not yet out) the resource.</summary>
    public IReadOnlyList<string> HoldersOf(string resourceKey)
    {
        lock (_lock)
        {
            return _resources.TryGetValue(resourceKey, out Resource? r) ? [.. r.Holders] : [];
        }
    }

    /// <summary>Takes one robot's state: its requests as they stand now. Returns the answers to send (to it and to robots now let in).</summary>
    public List<ReleaseGrant> OnState(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var answers = new List<ReleaseGrant>();
        lock (_lock)
        {
            EndLostLeases(answers);
            Robot robot = RobotOf(state.Manufacturer, state.SerialNumber);
            robot.LastStateAt = _time.GetUtcNow();
            if (robot.Lost)
            {
                Returned(robot);
            }

            var asked = new Dictionary<string, (string RequestId, RequestStatus Status)>(StringComparer.Ordinal);
            foreach (ZoneRequest z in state.ZoneRequests ?? [])
            {
                string key = z.RequestType == ZoneRequestType.Replanning ? ReplanKey(z.ZoneSetId, z.ZoneId) : ZoneKey(z.ZoneSetId, z.ZoneId);
                asked[key] = (z.RequestId, z.RequestStatus);
            }

            foreach (EdgeRequest e in state.EdgeRequests ?? [])
            {
                asked[EdgeKey(e.EdgeId)] = (e.RequestId, e.RequestStatus);
            }

            // Requests gone from the state: the robot is out; its room goes to the next in line.
            foreach (string key in robot.Claims.Keys.Where(k => !asked.ContainsKey(k)).ToList())
            {
                Drop(robot, key, answers);
            }

            robot.VoidRequests.RemoveWhere(id => !asked.Values.Any(a => a.RequestId == id));
            foreach ((string key, (string requestId, RequestStatus status)) in asked)
            {
                if (robot.VoidRequests.Contains(requestId) && !robot.Claims.ContainsKey(key))
                {
                    if (status != RequestStatus.Requested)
                    {
                        AnswerVoid(robot, requestId, status, answers);
                        continue;
                    }

                    robot.VoidRequests.Remove(requestId); // asked anew under the old id: it queues like any other request
                }

                Ask(robot, key, requestId, status, answers);
            }
        }

        return answers;
    }

    /// <summary>
    /// The robot's connection broke (or it went OFFLINE): its queued requests leave their queues and its grants end,
    /// each answered REVOKED (best effort: it may not hear it). A granted room goes to the next in line now, or when the
    /// grant's lease runs out if it carried one. Returns the answers to send.
    /// </summary>
    public List<ReleaseGrant> OnConnectionLost(string manufacturer, string serialNumber)
    {
        var answers = new List<ReleaseGrant>();
        lock (_lock)
        {
            if (_robots.TryGetValue(manufacturer + "/" + serialNumber, out Robot? robot) && !robot.Lost)
            {
                Lose(robot, answers);
            }
        }

        return answers;
    }

    /// <summary>
    /// Time passes: lost robots' leases that ran out free their rooms, and robots silent for longer than the state
    /// timeout are lost. Call it now and then (the zone service does, once a second).
    /// </summary>
    public List<ReleaseGrant> Tick()
    {
        var answers = new List<ReleaseGrant>();
        lock (_lock)
        {
            if (_stateTimeout is TimeSpan timeout)
            {
                DateTimeOffset now = _time.GetUtcNow();
                foreach (Robot robot in _robots.Values)
                {
                    if (!robot.Lost && robot.Claims.Count > 0 && now - robot.LastStateAt > timeout)
                    {
                        Lose(robot, answers);
                    }
                }
            }

            EndLostLeases(answers);
        }

        return answers;
    }

    /// <summary>Whether the robot counts as lost (connection broken or silent) and has not sent a state since.</summary>
    public bool IsLost(string manufacturer, string serialNumber)
    {
        lock (_lock)
        {
            return _robots.TryGetValue(manufacturer + "/" + serialNumber, out Robot? robot) && robot.Lost;
        }
    }

    private void Lose(Robot robot, List<ReleaseGrant> answers)
    {
        robot.Lost = true;
        DateTimeOffset now = _time.GetUtcNow();
        foreach ((string key, Claim claim) in robot.Claims.ToList())
        {
            Resource resource = ResourceOf(key);
            if (claim.State == ClaimState.Queued)
            {
                resource.Queue.Remove(robot.Key);
                robot.Claims.Remove(key);
                continue;
            }

            answers.Add(Answer(robot, claim.RequestId, GrantType.Revoked));
            if (claim.LeaseEnd is DateTimeOffset end && end > now)
            {
                claim.HeldByLease = true; // the robot may still drive under its lease: the room stays its own until then
                continue;
            }

            robot.VoidRequests.Add(claim.RequestId);
            robot.Claims.Remove(key);
            if (resource.Holders.Remove(robot.Key))
            {
                Promote(key, answers);
            }
        }
    }

    /// <summary>Frees the rooms that lost robots held only by a lease that has now run out.</summary>
    private void EndLostLeases(List<ReleaseGrant> answers)
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (Robot robot in _robots.Values)
        {
            if (!robot.Lost)
            {
                continue;
            }

            foreach ((string key, Claim claim) in robot.Claims.Where(c => c.Value.HeldByLease && c.Value.LeaseEnd <= now).ToList())
            {
                robot.VoidRequests.Add(claim.RequestId);
                robot.Claims.Remove(key);
                if (ResourceOf(key).Holders.Remove(robot.Key))
                {
                    Promote(key, answers);
                }
            }
        }
    }

    /// <summary>A lost robot sent a state again: a room its lease still held is its own again, with the grant it had.</summary>
    private static void Returned(Robot robot)
    {
        robot.Lost = false;
        foreach (Claim claim in robot.Claims.Values.Where(c => c.HeldByLease))
        {
            claim.HeldByLease = false;
            claim.State = ClaimState.Granted;
        }
    }

    /// <summary>A request whose grant ended while the robot was lost, still shown GRANTED: revoked again (now and then, until the robot lets go).</summary>
    private static void AnswerVoid(Robot robot, string requestId, RequestStatus status, List<ReleaseGrant> answers)
    {
        if (status == RequestStatus.Granted && robot.VoidReports++ % ResendAfterReports == 0)
        {
            answers.Add(Answer(robot, requestId, GrantType.Revoked));
        }
    }

    /// <summary>
    /// E-stop: revokes the grants of one robot (any manufacturer when that is null), or of every robot when the serial
    /// number is null, and grants nothing to it (them) until <see cref="Resume"/>. A stop the robot reported itself
    /// (<paramref name="reportedByRobot"/>) and one the master gave are lifted apart: the robot moves on when neither holds.
    /// </summary>
    public List<ReleaseGrant> RevokeAll(string? manufacturer = null, string? serialNumber = null, bool reportedByRobot = false)
    {
        var answers = new List<ReleaseGrant>();
        lock (_lock)
        {
            if (serialNumber is null)
            {
                _haltedAll = true;
            }

            foreach (Robot robot in _robots.Values)
            {
                if (!Matches(robot, manufacturer, serialNumber))
                {
                    continue;
                }

                if (reportedByRobot)
                {
                    robot.HaltedByRobot = true;
                }
                else
                {
                    robot.HaltedByMaster = true;
                }

                foreach (Claim c in robot.Claims.Values.Where(c => c.State == ClaimState.Granted))
                {
                    c.State = ClaimState.Revoked;
                    answers.Add(Answer(robot, c.RequestId, GrantType.Revoked));
                }
            }
        }

        return answers;
    }

    /// <summary>Lifts the stop of one robot (or all): robots that asked again get their room back, then the queues move.</summary>
    public List<ReleaseGrant> Resume(string? manufacturer = null, string? serialNumber = null, bool reportedByRobot = false)
    {
        var answers = new List<ReleaseGrant>();
        lock (_lock)
        {
            if (serialNumber is null && !reportedByRobot)
            {
                _haltedAll = false;
            }

            foreach (Robot robot in _robots.Values.Where(r => Matches(r, manufacturer, serialNumber)))
            {
                if (reportedByRobot)
                {
                    robot.HaltedByRobot = false;
                }
                else
                {
                    robot.HaltedByMaster = false;
                }
            }

            foreach (Robot robot in _robots.Values.Where(r => !IsHalted(r)))
            {
                foreach (Claim c in robot.Claims.Values.Where(c => c.State == ClaimState.Revoked && c.AskedAgain))
                {
                    Grant(robot, c, answers);
                }
            }

            foreach (string key in _resources.Keys.ToList())
            {
                Promote(key, answers);
            }
        }

        return answers;
    }

    private void Ask(Robot robot, string key, string requestId, RequestStatus status, List<ReleaseGrant> answers)
    {
        Resource resource = ResourceOf(key);
        if (!robot.Claims.TryGetValue(key, out Claim? claim))
        {
            if (status == RequestStatus.Requested)
            {
                claim = new Claim { RequestId = requestId, State = ClaimState.Queued };
                robot.Claims[key] = claim;
                resource.Queue.Add(robot.Key);
                if (!IsHalted(robot) && resource.Holders.Count < resource.Capacity && resource.Queue[0] == robot.Key)
                {
                    resource.Queue.RemoveAt(0);
                    resource.Holders.Add(robot.Key);
                    Grant(robot, claim, answers);
                }
                else
                {
                    answers.Add(Answer(robot, requestId, GrantType.Queued));
                }
            }
            else if (status == RequestStatus.Granted)
            {
                // Granted by an earlier master run: the robot may be inside, so it holds the room (even past capacity).
                robot.Claims[key] = new Claim { RequestId = requestId, State = ClaimState.Granted };
                resource.Holders.Add(robot.Key);
            }

            return;
        }

        if (status != RequestStatus.Requested)
        {
            return; // GRANTED: as we said; REVOKED / EXPIRED: it keeps its room until it asks again or leaves
        }

        bool fresh = claim.RequestId != requestId;
        claim.RequestId = requestId;
        if (IsHalted(robot))
        {
            if (claim.State != ClaimState.Queued)
            {
                claim.State = ClaimState.Revoked; // it keeps its room and gets it back on resume
                claim.AskedAgain = true;
            }

            if (fresh)
            {
                answers.Add(Answer(robot, requestId, GrantType.Queued));
            }

            return;
        }

        switch (claim.State)
        {
            case ClaimState.Revoked:
            case ClaimState.Granted when fresh:
                Grant(robot, claim, answers); // asked again after losing it: its room is still its own
                break;
            case ClaimState.Granted when ++claim.UnansweredReports >= ResendAfterReports:
                Grant(robot, claim, answers); // our grant was lost on the way (responses go at QoS 0)
                break;
            case ClaimState.Queued when fresh:
                answers.Add(Answer(robot, requestId, GrantType.Queued));
                break;
            default:
                break;
        }
    }

    private void Drop(Robot robot, string key, List<ReleaseGrant> answers)
    {
        robot.Claims.Remove(key);
        Resource resource = ResourceOf(key);
        resource.Queue.Remove(robot.Key);
        if (resource.Holders.Remove(robot.Key))
        {
            Promote(key, answers);
        }
    }

    /// <summary>Lets queued robots in, in order, while there is room and they are not stopped.</summary>
    private void Promote(string key, List<ReleaseGrant> answers)
    {
        Resource resource = ResourceOf(key);
        while (resource.Holders.Count < resource.Capacity && resource.Queue.Count > 0)
        {
            Robot next = _robots[resource.Queue[0]];
            if (IsHalted(next))
            {
                return; // first come, first served: a stopped robot at the head keeps its place
            }

            resource.Queue.RemoveAt(0);
            resource.Holders.Add(next.Key);
            Grant(next, next.Claims[key], answers);
        }
    }

    private void Grant(Robot robot, Claim claim, List<ReleaseGrant> answers)
    {
        claim.State = ClaimState.Granted;
        claim.AskedAgain = false;
        claim.UnansweredReports = 0;
        claim.LeaseEnd = _lease is TimeSpan lease ? _time.GetUtcNow() + lease : null;
        string? expiry = claim.LeaseEnd is DateTimeOffset end ? Vda5050Codec.FormatTimestamp(end) : null;
        answers.Add(Answer(robot, claim.RequestId, GrantType.Granted, expiry));
    }

    private bool IsHalted(Robot robot) => _haltedAll || robot.HaltedByMaster || robot.HaltedByRobot;

    private static bool Matches(Robot robot, string? manufacturer, string? serialNumber) =>
        serialNumber is null || (robot.SerialNumber == serialNumber && (manufacturer is null || robot.Manufacturer == manufacturer));

    private static ReleaseGrant Answer(Robot robot, string requestId, GrantType grant, string? leaseExpiry = null) =>
        new(robot.Manufacturer, robot.SerialNumber, new RequestResponse { RequestId = requestId, GrantType = grant, LeaseExpiry = leaseExpiry });

    private Robot RobotOf(string manufacturer, string serialNumber)
    {
        string key = manufacturer + "/" + serialNumber;
        if (!_robots.TryGetValue(key, out Robot? robot))
        {
            robot = new Robot { Key = key, Manufacturer = manufacturer, SerialNumber = serialNumber };
            _robots[key] = robot;
        }

        return robot;
    }

    private Resource ResourceOf(string key)
    {
        if (!_resources.TryGetValue(key, out Resource? r))
        {
            r = new Resource { Capacity = Math.Max(1, _capacityOf(key)) };
            _resources[key] = r;
        }

        return r;
    }

    private enum ClaimState
    {
        Queued,
        Granted,
        Revoked,
    }

    private sealed class Claim
    {
        public required string RequestId { get; set; }

        public ClaimState State { get; set; }

        /// <summary>Revoked, and the robot asked again while stopped: granted on resume.</summary>
        public bool AskedAgain { get; set; }

        /// <summary>States since the grant that still showed the request REQUESTED.</summary>
        public int UnansweredReports { get; set; }

        /// <summary>End of the lease given with the grant (none: until revoked).</summary>
        public DateTimeOffset? LeaseEnd { get; set; }

        /// <summary>The robot is lost; only its running lease keeps the room its own.</summary>
        public bool HeldByLease { get; set; }
    }

    private sealed class Robot
    {
        public required string Key { get; init; }

        public required string Manufacturer { get; init; }

        public required string SerialNumber { get; init; }

        public bool HaltedByMaster { get; set; }

        public bool HaltedByRobot { get; set; }

        /// <summary>Connection broken (or silent past the state timeout) and no state since.</summary>
        public bool Lost { get; set; }

        public DateTimeOffset LastStateAt { get; set; }

        /// <summary>Requests whose grant ended while the robot was lost: never valid again.</summary>
        public HashSet<string> VoidRequests { get; } = new(StringComparer.Ordinal);

        /// <summary>States that still showed a void request GRANTED (its REVOKED is repeated every so often).</summary>
        public int VoidReports { get; set; }

        public Dictionary<string, Claim> Claims { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Resource
    {
        public int Capacity { get; init; }

        public List<string> Holders { get; } = [];

        public List<string> Queue { get; } = [];
    }
}
