using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Client;

namespace StrategicTech.Drivers.Mavlink.Microservices.Telemetry.Client;

/// <summary>
/// The ground-station side of the message-interval microservice: set a stream's interval
/// (MAV_CMD_SET_MESSAGE_INTERVAL), read it (MAV_CMD_GET_MESSAGE_INTERVAL → MESSAGE_INTERVAL) and request one
/// instance of a message (MAV_CMD_REQUEST_MESSAGE). Commands go through a <see cref="CommandClient"/> on the same
/// node (its retries and timeouts apply); attach this service to the node as well so it sees MESSAGE_INTERVAL.
/// The protocol matches a COMMAND_ACK by command id alone, so this client sends one command at a time: concurrent
/// calls queue behind each other instead of failing.
/// </summary>
public sealed class MessageIntervalClient : IMavlinkService
{
    private readonly MavlinkNode _node;
    private readonly CommandClient _commands;
    private readonly Lock _lock = new();
    private readonly List<IntervalWaiter> _waiters = [];
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public MessageIntervalClient(MavlinkNode node, CommandClient commands, long replyTimeoutUs = 1_000_000)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        _commands = commands ?? throw new ArgumentNullException(nameof(commands));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replyTimeoutUs);
        ReplyTimeoutUs = replyTimeoutUs;
    }

    /// <summary>How long to wait for MESSAGE_INTERVAL once the command was accepted.</summary>
    public long ReplyTimeoutUs { get; }

    /// <summary>
    /// Sets the interval of <paramref name="messageId"/> on the target: −1 disables, 0 restores the default, else µs.
    /// Completes with the ACK's MAV_RESULT (DENIED for a message the target cannot stream).
    /// </summary>
    public Task<MavResult> SetMessageIntervalAsync(byte targetSystem, byte targetComponent, uint messageId, long intervalUs, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalUs, -1);
        return SendQueuedAsync(
            new CommandLong
            {
                TargetSystem = targetSystem, TargetComponent = targetComponent, Command = MavCmd.SetMessageInterval,
                Param1 = messageId, Param2 = intervalUs,
            },
            cancellationToken);
    }

    /// <summary>Sets a rate in Hz (0 or less disables).</summary>
    public Task<MavResult> SetMessageRateAsync(byte targetSystem, byte targetComponent, uint messageId, double rateHz, CancellationToken cancellationToken = default) =>
        SetMessageIntervalAsync(targetSystem, targetComponent, messageId, rateHz > 0 ? (long)Math.Round(1e6 / rateHz) : -1, cancellationToken);

    /// <summary>
    /// Asks the target for one instance of <paramref name="messageId"/> (the message arrives through the node's
    /// other services or subscriptions). <paramref name="param2"/> is the message's first request parameter, e.g.
    /// the id whose interval MESSAGE_INTERVAL should report.
    /// </summary>
    public Task<MavResult> RequestMessageAsync(byte targetSystem, byte targetComponent, uint messageId, float param2 = 0, CancellationToken cancellationToken = default) =>
        SendQueuedAsync(
            new CommandLong
            {
                TargetSystem = targetSystem, TargetComponent = targetComponent, Command = MavCmd.RequestMessage,
                Param1 = messageId, Param2 = param2,
            },
            cancellationToken);

    /// <summary>
    /// Reads the interval of <paramref name="messageId"/>: µs, −1 when disabled, 0 when the target cannot send it.
    /// Fails with <see cref="InvalidOperationException"/> when the command is refused and <see cref="TimeoutException"/>
    /// when no MESSAGE_INTERVAL follows an accepted command.
    /// </summary>
    public async Task<long> GetMessageIntervalAsync(byte targetSystem, byte targetComponent, uint messageId, CancellationToken cancellationToken = default)
    {
        var waiter = new IntervalWaiter(targetSystem, targetComponent, messageId);
        lock (_lock)
        {
            _waiters.Add(waiter);
        }

        try
        {
            MavResult result = await SendQueuedAsync(
                new CommandLong
                {
                    TargetSystem = targetSystem, TargetComponent = targetComponent, Command = MavCmd.GetMessageInterval, Param1 = messageId,
                },
                cancellationToken).ConfigureAwait(false);
            if (result != MavResult.Accepted)
            {
                throw new InvalidOperationException($"GET_MESSAGE_INTERVAL for message {messageId} refused by {targetSystem}/{targetComponent}: {result}");
            }

            using CancellationTokenRegistration registration = cancellationToken.Register(() => waiter.Completion.TrySetCanceled(cancellationToken));
            return await waiter.Completion.Task.ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (frame.MessageId == CommandAck.MsgId)
        {
            ArmDeadlines(CommandAck.Decode(frame.Payload), frame.SystemId, nowUs);
            return;
        }

        if (frame.MessageId != MessageInterval.MsgId)
        {
            return;
        }

        MessageInterval reply = MessageInterval.Decode(frame.Payload);
        lock (_lock)
        {
            for (int i = 0; i < _waiters.Count; i++)
            {
                IntervalWaiter waiter = _waiters[i];
                if (waiter.MessageId == reply.MessageId && waiter.TargetSystem == frame.SystemId
                    && (waiter.TargetComponent == 0 || waiter.TargetComponent == frame.ComponentId))
                {
                    waiter.Completion.TrySetResult(reply.IntervalUs);
                }
            }
        }
    }

    public void Tick(long nowUs)
    {
        lock (_lock)
        {
            for (int i = 0; i < _waiters.Count; i++)
            {
                IntervalWaiter waiter = _waiters[i];
                if (nowUs >= waiter.DeadlineUs)
                {
                    waiter.Completion.TrySetException(new TimeoutException(
                        $"no MESSAGE_INTERVAL for message {waiter.MessageId} from {waiter.TargetSystem}/{waiter.TargetComponent} within {ReplyTimeoutUs} µs"));
                }
            }
        }
    }

    // The reply timeout starts at the accepting ACK, on the node's clock (not when an await resumes).
    private void ArmDeadlines(in CommandAck ack, byte sourceSystem, long nowUs)
    {
        if (ack.Command != MavCmd.GetMessageInterval || ack.Result != MavResult.Accepted)
        {
            return;
        }

        lock (_lock)
        {
            for (int i = 0; i < _waiters.Count; i++)
            {
                IntervalWaiter waiter = _waiters[i];
                if (waiter.TargetSystem == sourceSystem && waiter.DeadlineUs == long.MaxValue)
                {
                    waiter.DeadlineUs = nowUs + ReplyTimeoutUs;
                }
            }
        }
    }

    private async Task<MavResult> SendQueuedAsync(CommandLong command, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _commands.SendAsync(command, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private sealed class IntervalWaiter(byte targetSystem, byte targetComponent, uint messageId)
    {
        public byte TargetSystem { get; } = targetSystem;

        public byte TargetComponent { get; } = targetComponent;

        public uint MessageId { get; } = messageId;

        public long DeadlineUs { get; set; } = long.MaxValue;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
