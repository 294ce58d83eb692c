using System.Globalization;
using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Mission.Client;

/// <summary>
/// The ground-station side of the mission protocol (mission, fence, rally) towards one target, one transfer at a
/// time. Upload answers the vehicle's MISSION_REQUEST_INTs until MISSION_ACK; download requests items in order
/// and acknowledges; clear sends MISSION_CLEAR_ALL; set-current sends MISSION_SET_CURRENT. Every step waits at most <see cref="ItemTimeoutUs"/> (default
/// 1 s) and is repeated (MISSION_COUNT, the last item, the request) up to <see cref="Retries"/> times (default 5)
/// without progress; then the task fails with a <see cref="TimeoutException"/> saying where it stopped. A refusing
/// MISSION_ACK fails the task with an <see cref="InvalidOperationException"/> naming the MAV_MISSION_RESULT.
/// </summary>
public sealed class MissionClient : IMavlinkService
{
    private readonly MavlinkNode _node;
    private readonly Lock _lock = new();
    private Operation? _operation;

    public MissionClient(MavlinkNode node, byte targetSystem, byte targetComponent, long itemTimeoutUs = 1_000_000, int retries = 5)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(itemTimeoutUs);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        TargetSystem = targetSystem;
        TargetComponent = targetComponent;
        ItemTimeoutUs = itemTimeoutUs;
        Retries = retries;
    }

    public byte TargetSystem { get; }

    public byte TargetComponent { get; }

    public long ItemTimeoutUs { get; }

    public int Retries { get; }

    /// <summary>Key of a refused transfer's exception <see cref="Exception.Data"/> entry: the vehicle's <see cref="MavMissionResult"/>.</summary>
    public const string ResultDataKey = "MAV_MISSION_RESULT";

    /// <summary>
    /// Items moved so far and the list's length for the transfer in progress (upload: highest item the vehicle asked
    /// for; download: items received of MISSION_COUNT), (0, 0) when idle — for a progress bar; read from any thread.
    /// </summary>
    public (int Done, int Total) Progress
    {
        get
        {
            Operation? op = _operation;
            return op?.Kind switch
            {
                Kind.Upload => (op.Highest + 1, op.Items.Count),
                Kind.Download => (op.Items.Count, op.CountKnown ? op.ExpectedCount : 0),
                _ => (0, 0),
            };
        }
    }

    private enum Kind
    {
        Upload,
        Download,
        Clear,
        SetCurrent,
    }

    public Task UploadAsync(MavMissionType type, IReadOnlyList<MissionPlanItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"{items.Count} items do not fit MISSION_COUNT", nameof(items));
        }

        return Start(new Operation(Kind.Upload, type) { Items = [.. items] }, cancellationToken);
    }

    public Task<IReadOnlyList<MissionPlanItem>> DownloadAsync(MavMissionType type, CancellationToken cancellationToken = default) =>
        Start(new Operation(Kind.Download, type), cancellationToken);

    public Task ClearAsync(MavMissionType type, CancellationToken cancellationToken = default) =>
        Start(new Operation(Kind.Clear, type), cancellationToken);

    /// <summary>
    /// Makes mission item <paramref name="seq"/> current (MISSION_SET_CURRENT), repeated until a MISSION_CURRENT
    /// reports it; when the last attempt is answered with another seq, fails as refused (seq out of range).
    /// </summary>
    public Task SetCurrentAsync(ushort seq, CancellationToken cancellationToken = default) =>
        Start(new Operation(Kind.SetCurrent, MavMissionType.Mission) { ExpectedCount = seq }, cancellationToken);

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (frame.SystemId != TargetSystem || (TargetComponent != 0 && frame.ComponentId != TargetComponent))
        {
            return;
        }

        Operation? op = _operation;
        if (op is null)
        {
            return;
        }

        uint id = frame.MessageId;
        if (id == MissionRequestInt.MsgId)
        {
            MissionRequestInt request = MissionRequestInt.Decode(frame.Payload);
            if (op.Kind == Kind.Upload && request.MissionType == op.Type && request.Seq < op.Items.Count && IsForMe(request.TargetSystem))
            {
                if (request.Seq > op.Highest)
                {
                    op.Highest = request.Seq;
                    op.Retries = 0;
                }

                op.DeadlineUs = nowUs + ItemTimeoutUs;
                SendItem(op, request.Seq);
            }
        }
        else if (id == MissionCount.MsgId)
        {
            MissionCount count = MissionCount.Decode(frame.Payload);
            if (op.Kind == Kind.Download && count.MissionType == op.Type && op.Highest < 0 && op.Items.Count == 0 && !op.CountKnown && IsForMe(count.TargetSystem))
            {
                op.CountKnown = true;
                op.ExpectedCount = count.Count;
                op.Retries = 0;
                op.DeadlineUs = nowUs + ItemTimeoutUs;
                ContinueDownload(op);
            }
        }
        else if (id == MissionItemInt.MsgId)
        {
            MissionItemInt item = MissionItemInt.Decode(frame.Payload);
            if (op.Kind == Kind.Download && op.CountKnown && item.MissionType == op.Type && item.Seq == op.Items.Count && IsForMe(item.TargetSystem))
            {
                op.Items.Add(MissionPlanItem.From(item));
                op.Retries = 0;
                op.DeadlineUs = nowUs + ItemTimeoutUs;
                ContinueDownload(op);
            }
        }
        else if (id == MissionCurrent.MsgId)
        {
            MissionCurrent current = MissionCurrent.Decode(frame.Payload);
            if (op.Kind == Kind.SetCurrent)
            {
                if (current.Seq == op.ExpectedCount)
                {
                    Finish(op, null, op.Items);
                }
                else if (op.Retries >= Retries)
                {
                    Finish(op, new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{Describe(op)}: refused, the vehicle stays at item {current.Seq} of {current.Total}")));
                }
                else
                {
                    // Refused or a stale report: ask again.
                    op.Retries++;
                    op.DeadlineUs = nowUs + ItemTimeoutUs;
                    Transmit(op);
                }
            }
        }
        else if (id == MissionAck.MsgId)
        {
            MissionAck ack = MissionAck.Decode(frame.Payload);
            if (ack.MissionType == op.Type && IsForMe(ack.TargetSystem))
            {
                OnAck(op, ack.Type);
            }
        }
    }

    public void Tick(long nowUs)
    {
        Operation? op = _operation;
        if (op is null || nowUs < op.DeadlineUs)
        {
            return;
        }

        if (op.Retries >= Retries)
        {
            Finish(op, new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(op)}: no answer for {ItemTimeoutUs / 1000} ms at {Where(op)} after {op.Retries} retries")));
            return;
        }

        op.Retries++;
        op.DeadlineUs = nowUs + ItemTimeoutUs;
        Transmit(op);
    }

    private static string Where(Operation op) => op.Kind switch
    {
        Kind.Upload => op.Highest < 0 ? "MISSION_COUNT" : string.Create(CultureInfo.InvariantCulture, $"item {op.Highest}"),
        Kind.Download => op.CountKnown ? string.Create(CultureInfo.InvariantCulture, $"item {op.Items.Count}") : "MISSION_REQUEST_LIST",
        Kind.SetCurrent => "MISSION_SET_CURRENT",
        _ => "MISSION_CLEAR_ALL",
    };

    private bool IsForMe(byte targetSystem) => targetSystem == 0 || targetSystem == _node.SystemId;

    private string Describe(Operation op) => op.Kind switch
    {
        Kind.Upload => string.Create(CultureInfo.InvariantCulture, $"mission upload ({op.Type}, {op.Items.Count} items) to {TargetSystem}/{TargetComponent}"),
        Kind.Download => string.Create(CultureInfo.InvariantCulture, $"mission download ({op.Type}) from {TargetSystem}/{TargetComponent}"),
        Kind.SetCurrent => string.Create(CultureInfo.InvariantCulture, $"mission set-current {op.ExpectedCount} on {TargetSystem}/{TargetComponent}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"mission clear ({op.Type}) on {TargetSystem}/{TargetComponent}"),
    };

    private Task<IReadOnlyList<MissionPlanItem>> Start(Operation op, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<MissionPlanItem>>(cancellationToken);
        }

        lock (_lock)
        {
            if (_operation is not null)
            {
                return Task.FromException<IReadOnlyList<MissionPlanItem>>(new InvalidOperationException(
                    $"{Describe(op)}: another mission transfer is in progress ({Describe(_operation)})"));
            }

            op.DeadlineUs = _node.Clock.TimeUs + ItemTimeoutUs;
            _operation = op;
        }

        op.Registration = cancellationToken.Register(static state =>
        {
            var (client, o) = ((MissionClient, Operation))state!;
            client.Finish(o, null);
        }, (this, op));
        Transmit(op);
        return op.Completion.Task;
    }

    private void Transmit(Operation op)
    {
        switch (op.Kind)
        {
            case Kind.Upload when op.Highest < 0:
                _node.Send(new MissionCount { TargetSystem = TargetSystem, TargetComponent = TargetComponent, Count = (ushort)op.Items.Count, MissionType = op.Type });
                break;
            case Kind.Upload:
                SendItem(op, (ushort)op.Highest);
                break;
            case Kind.Download when !op.CountKnown:
                _node.Send(new MissionRequestList { TargetSystem = TargetSystem, TargetComponent = TargetComponent, MissionType = op.Type });
                break;
            case Kind.Download:
                _node.Send(new MissionRequestInt { TargetSystem = TargetSystem, TargetComponent = TargetComponent, Seq = (ushort)op.Items.Count, MissionType = op.Type });
                break;
            case Kind.SetCurrent:
                _node.Send(new MissionSetCurrent { TargetSystem = TargetSystem, TargetComponent = TargetComponent, Seq = (ushort)op.ExpectedCount });
                break;
            default:
                _node.Send(new MissionClearAll { TargetSystem = TargetSystem, TargetComponent = TargetComponent, MissionType = op.Type });
                break;
        }
    }

    private void SendItem(Operation op, ushort seq) => _node.Send(op.Items[seq].ToMessage(TargetSystem, TargetComponent, seq, op.Type));

    private void ContinueDownload(Operation op)
    {
        if (op.Items.Count < op.ExpectedCount)
        {
            Transmit(op);
            return;
        }

        _node.Send(new MissionAck { TargetSystem = TargetSystem, TargetComponent = TargetComponent, Type = MavMissionResult.MavMissionAccepted, MissionType = op.Type });
        Finish(op, null, op.Items);
    }

    private void OnAck(Operation op, MavMissionResult result)
    {
        if (result != MavMissionResult.MavMissionAccepted)
        {
            var refused = new InvalidOperationException($"{Describe(op)}: refused with {result}");
            refused.Data[ResultDataKey] = result;
            Finish(op, refused);
            return;
        }

        // An ACCEPTED before our last item was requested is stale (an earlier transfer's): ignore it.
        bool done = op.Kind switch
        {
            Kind.Upload => op.Items.Count == 0 || op.Highest == op.Items.Count - 1,
            Kind.Clear => true,
            _ => false,
        };
        if (done)
        {
            Finish(op, null, op.Items);
        }
    }

    private void Finish(Operation op, Exception? error, IReadOnlyList<MissionPlanItem>? result = null)
    {
        lock (_lock)
        {
            if (_operation != op)
            {
                return;
            }

            _operation = null;
        }

        op.Registration.Dispose();
        if (error is not null)
        {
            op.Completion.TrySetException(error);
        }
        else if (result is not null)
        {
            op.Completion.TrySetResult(result);
        }
        else
        {
            op.Completion.TrySetCanceled();
        }
    }

    private sealed class Operation(Kind kind, MavMissionType type)
    {
        public Kind Kind { get; } = kind;

        public MavMissionType Type { get; } = type;

        public List<MissionPlanItem> Items { get; init; } = [];

        public int Highest { get; set; } = -1;

        public bool CountKnown { get; set; }

        public int ExpectedCount { get; set; }

        public int Retries { get; set; }

        public long DeadlineUs { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public TaskCompletionSource<IReadOnlyList<MissionPlanItem>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
