using System.Globalization;
using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Command.Client;

/// <summary>
/// The ground-station side of the command protocol. <see cref="SendAsync(CommandLong, IProgress{int}?, CancellationToken)"/>
/// sends a command and completes with the MAV_RESULT of its final COMMAND_ACK. Without an ACK it retransmits after
/// <see cref="TimeoutUs"/> (default 1 s) up to <see cref="Retries"/> times (default 3, so 4 transmissions, as
/// MAVSDK does; MAVSDK waits 0.5 s, QGroundControl 3 s), incrementing COMMAND_LONG's confirmation field; when they
/// are exhausted the task fails with a <see cref="TimeoutException"/> naming the command and target.
/// MAV_RESULT_IN_PROGRESS stops retransmission, reports progress and waits up to <see cref="InProgressTimeoutUs"/>
/// (default 3 s) between updates. Cancelling the token sends COMMAND_CANCEL and cancels the task.
/// Only one command of a given id may be pending per target (the protocol matches ACKs by command id).
/// Time comes only from the node's clock via <see cref="Tick"/>.
/// </summary>
public sealed class CommandClient : IMavlinkService
{
    private readonly MavlinkNode _node;
    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];
    private readonly List<Pending> _due = [];

    public CommandClient(MavlinkNode node, long timeoutUs = 1_000_000, int retries = 3, long inProgressTimeoutUs = 3_000_000)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        if (timeoutUs <= 0 || inProgressTimeoutUs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeoutUs), timeoutUs, "command timeouts must be > 0 µs");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        TimeoutUs = timeoutUs;
        Retries = retries;
        InProgressTimeoutUs = inProgressTimeoutUs;
    }

    public long TimeoutUs { get; }

    public int Retries { get; }

    public long InProgressTimeoutUs { get; }

    /// <summary>Frames sent (first transmissions and retries).</summary>
    public long Transmissions { get; private set; }

    /// <summary>Sends a COMMAND_LONG (its target fields say where); the confirmation field is managed here.</summary>
    public Task<MavResult> SendAsync(CommandLong command, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Start(new Pending { Long = command, TargetSystem = command.TargetSystem, TargetComponent = command.TargetComponent, Command = command.Command, Progress = progress },
            cancellationToken);

    /// <summary>Sends a COMMAND_INT (positions as integers, with a frame).</summary>
    public Task<MavResult> SendAsync(CommandInt command, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Start(new Pending { Int = command, IsInt = true, TargetSystem = command.TargetSystem, TargetComponent = command.TargetComponent, Command = command.Command, Progress = progress },
            cancellationToken);

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (frame.MessageId != CommandAck.MsgId)
        {
            return;
        }

        CommandAck ack = CommandAck.Decode(frame.Payload);
        // Old autopilots leave the ACK's target at 0.
        if (ack.TargetSystem != 0 && (ack.TargetSystem != _node.SystemId || (ack.TargetComponent != 0 && ack.TargetComponent != _node.ComponentId)))
        {
            return;
        }

        Pending? pending;
        lock (_lock)
        {
            pending = Find(ack.Command, frame.SystemId, frame.ComponentId);
            if (pending is null)
            {
                return;
            }

            if (ack.Result == MavResult.InProgress)
            {
                pending.InProgress = true;
                pending.DeadlineUs = nowUs + InProgressTimeoutUs;
            }
            else
            {
                _pending.Remove(pending);
            }
        }

        if (ack.Result == MavResult.InProgress)
        {
            if (ack.Progress <= 100)
            {
                pending.Progress?.Report(ack.Progress);
            }
        }
        else
        {
            pending.Registration.Dispose();
            pending.Completion.TrySetResult(ack.Result);
        }
    }

    public void Tick(long nowUs)
    {
        lock (_lock)
        {
            _due.Clear();
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                Pending pending = _pending[i];
                if (nowUs < pending.DeadlineUs)
                {
                    continue;
                }

                if (pending.InProgress || pending.Sent > Retries)
                {
                    _pending.RemoveAt(i);
                }
                else
                {
                    pending.DeadlineUs = nowUs + TimeoutUs;
                }

                _due.Add(pending);
            }
        }

        foreach (Pending pending in _due)
        {
            if (pending.InProgress)
            {
                Fail(pending, string.Create(CultureInfo.InvariantCulture,
                    $"{pending.Describe()}: no progress report for {InProgressTimeoutUs / 1000} ms after MAV_RESULT_IN_PROGRESS"));
            }
            else if (pending.Sent > Retries)
            {
                Fail(pending, string.Create(CultureInfo.InvariantCulture,
                    $"{pending.Describe()}: no COMMAND_ACK after {pending.Sent} transmissions ({TimeoutUs / 1000} ms each)"));
            }
            else
            {
                Transmit(pending);
            }
        }

        _due.Clear();
    }

    private static void Fail(Pending pending, string message)
    {
        pending.Registration.Dispose();
        pending.Completion.TrySetException(new TimeoutException(message));
    }

    private Task<MavResult> Start(Pending pending, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<MavResult>(cancellationToken);
        }

        lock (_lock)
        {
            if (Find(pending.Command, pending.TargetSystem, pending.TargetComponent) is not null)
            {
                return Task.FromException<MavResult>(new InvalidOperationException(
                    $"{pending.Describe()}: a command with this id is already pending for this target"));
            }

            pending.DeadlineUs = _node.Clock.TimeUs + TimeoutUs;
            _pending.Add(pending);
        }

        pending.Registration = cancellationToken.Register(static state =>
        {
            var (client, p) = ((CommandClient, Pending))state!;
            client.Cancel(p);
        }, (this, pending));
        Transmit(pending);
        return pending.Completion.Task;
    }

    private void Cancel(Pending pending)
    {
        bool wasPending;
        lock (_lock)
        {
            wasPending = _pending.Remove(pending);
        }

        if (!wasPending)
        {
            return;
        }

        _node.Send(new CommandCancel { TargetSystem = pending.TargetSystem, TargetComponent = pending.TargetComponent, Command = pending.Command });
        pending.Completion.TrySetCanceled();
    }

    private void Transmit(Pending pending)
    {
        if (pending.IsInt)
        {
            _node.Send(pending.Int);
        }
        else
        {
            CommandLong command = pending.Long;
            command.Confirmation = (byte)Math.Min(pending.Sent, 255);
            _node.Send(command);
        }

        pending.Sent++;
        Transmissions++;
    }

    private Pending? Find(MavCmd command, byte system, byte component)
    {
        foreach (Pending pending in _pending)
        {
            if (pending.Command == command && (pending.TargetSystem == 0 || pending.TargetSystem == system)
                && (pending.TargetComponent == 0 || pending.TargetComponent == component))
            {
                return pending;
            }
        }

        return null;
    }

    private sealed class Pending
    {
        public CommandLong Long;
        public CommandInt Int;
        public bool IsInt;
        public byte TargetSystem;
        public byte TargetComponent;
        public MavCmd Command;
        public IProgress<int>? Progress;
        public int Sent;
        public long DeadlineUs;
        public bool InProgress;
        public CancellationTokenRegistration Registration;

        public TaskCompletionSource<MavResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{(IsInt ? "COMMAND_INT" : "COMMAND_LONG")} {Command} ({(ushort)Command}) to {TargetSystem}/{TargetComponent}");
    }
}
