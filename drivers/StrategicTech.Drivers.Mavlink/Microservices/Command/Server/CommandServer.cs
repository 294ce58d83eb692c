using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

/// <summary>
/// The vehicle side of the command protocol: COMMAND_LONG / COMMAND_INT addressed to this node go to the handler
/// registered for their MAV_CMD and are answered with COMMAND_ACK (MAV_RESULT_UNSUPPORTED when none is).
/// Long-running commands report MAV_RESULT_IN_PROGRESS with progress when it changes and at least every second,
/// and can be stopped by COMMAND_CANCEL. A retransmission (COMMAND_LONG with confirmation &gt; 0, the same frame
/// duplicated by the link, or an identical COMMAND_INT, which has no confirmation field) of a command answered in
/// the last <see cref="DuplicateWindowUs"/> gets the same ACK again without executing twice.
/// The receive path allocates nothing.
/// </summary>
public sealed class CommandServer : IMavlinkService
{
    private const int MaxActive = 8;
    private const int RecentCount = 16;
    private const long ProgressRepeatUs = 1_000_000;

    private readonly MavlinkNode _node;
    private readonly Dictionary<MavCmd, ICommandHandler> _handlers = [];
    private readonly ActiveCommand[] _active = new ActiveCommand[MaxActive];
    private readonly RecentAck[] _recent = new RecentAck[RecentCount];
    private int _recentNext;

    public CommandServer(MavlinkNode node, long duplicateWindowUs = 5_000_000)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        DuplicateWindowUs = duplicateWindowUs;
    }

    /// <summary>How long an answered command is remembered to recognise retransmissions (longer than the client's timeout × retries).</summary>
    public long DuplicateWindowUs { get; }

    /// <summary>Commands executed (handler called), not counting retransmissions answered from memory.</summary>
    public long Executed { get; private set; }

    /// <summary>Retransmissions answered from memory without executing.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Handlers that threw (answered MAV_RESULT_FAILED).</summary>
    public long HandlerErrors { get; private set; }

    /// <summary>Registers (or replaces) the handler of <paramref name="command"/>; at start-up.</summary>
    public void Register(MavCmd command, ICommandHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[command] = handler;
    }

    /// <summary>The handler registered for <paramref name="command"/>, if any (lets a handler chain to the one it replaces).</summary>
    public bool TryGetHandler(MavCmd command, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ICommandHandler? handler) =>
        _handlers.TryGetValue(command, out handler);

    /// <summary>Registers an immediate command from a function.</summary>
    public void Register(MavCmd command, Func<CommandRequest, long, CommandReply> execute)
    {
        ArgumentNullException.ThrowIfNull(execute);
        _handlers[command] = new DelegateCommandHandler(execute);
    }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        uint id = frame.MessageId;
        if (id == CommandLong.MsgId)
        {
            CommandLong command = CommandLong.Decode(frame.Payload);
            if (_node.IsForMe(command.TargetSystem, command.TargetComponent))
            {
                var request = CommandRequest.From(command, frame.SystemId, frame.ComponentId);
                Handle(request, retransmission: command.Confirmation > 0, frame.Sequence, nowUs);
            }
        }
        else if (id == CommandInt.MsgId)
        {
            CommandInt command = CommandInt.Decode(frame.Payload);
            if (_node.IsForMe(command.TargetSystem, command.TargetComponent))
            {
                var request = CommandRequest.From(command, frame.SystemId, frame.ComponentId);
                Handle(request, retransmission: true, frame.Sequence, nowUs);
            }
        }
        else if (id == CommandCancel.MsgId)
        {
            CommandCancel cancel = CommandCancel.Decode(frame.Payload);
            if (_node.IsForMe(cancel.TargetSystem, cancel.TargetComponent))
            {
                HandleCancel(cancel.Command, frame.SystemId, frame.ComponentId, nowUs);
            }
        }
    }

    public void Tick(long nowUs)
    {
        for (int i = 0; i < MaxActive; i++)
        {
            ref ActiveCommand active = ref _active[i];
            if (active.Handler is null)
            {
                continue;
            }

            CommandReply reply = SafePoll(active.Handler, active.Request, nowUs);
            if (reply.Result == MavResult.InProgress)
            {
                if (reply.Progress != active.Progress || nowUs - active.LastAckUs >= ProgressRepeatUs)
                {
                    active.Progress = reply.Progress;
                    active.LastAckUs = nowUs;
                    SendAck(active.Request, reply);
                }
            }
            else
            {
                Finish(ref active, reply, nowUs);
            }
        }
    }

    private void Handle(in CommandRequest request, bool retransmission, byte sequence, long nowUs)
    {
        int activeIndex = FindActive(request.SourceSystem, request.SourceComponent, request.Command);
        if (activeIndex >= 0)
        {
            // Still running: the sender retried, tell it again that we are on it.
            ref ActiveCommand active = ref _active[activeIndex];
            active.LastAckUs = nowUs;
            SendAck(request, CommandReply.InProgress(active.Progress));
            Duplicates++;
            return;
        }

        int recentIndex = FindRecent(request, sequence, retransmission, nowUs);
        if (recentIndex >= 0)
        {
            SendAck(request, _recent[recentIndex].Reply);
            Duplicates++;
            return;
        }

        if (!_handlers.TryGetValue(request.Command, out ICommandHandler? handler))
        {
            Answer(request, new CommandReply(MavResult.Unsupported), sequence, nowUs);
            return;
        }

        int free = FindFree();
        if (free < 0)
        {
            Answer(request, new CommandReply(MavResult.TemporarilyRejected), sequence, nowUs);
            return;
        }

        Executed++;
        CommandReply reply = SafeExecute(handler, request, nowUs);
        if (reply.Result == MavResult.InProgress)
        {
            _active[free] = new ActiveCommand { Handler = handler, Request = request, Progress = reply.Progress, LastAckUs = nowUs, Sequence = sequence };
            SendAck(request, reply);
        }
        else
        {
            Answer(request, reply, sequence, nowUs);
        }
    }

    private void HandleCancel(MavCmd command, byte sourceSystem, byte sourceComponent, long nowUs)
    {
        int index = FindActive(sourceSystem, sourceComponent, command);
        if (index < 0)
        {
            return;
        }

        ref ActiveCommand active = ref _active[index];
        bool cancelled;
        try
        {
            cancelled = active.Handler!.Cancel(active.Request, nowUs);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            HandlerErrors++;
            cancelled = false;
        }

        if (cancelled)
        {
            Finish(ref active, new CommandReply(MavResult.Cancelled), nowUs);
        }
    }

    private void Finish(ref ActiveCommand active, CommandReply reply, long nowUs)
    {
        CommandRequest request = active.Request;
        byte sequence = active.Sequence;
        active = default;
        Answer(request, reply, sequence, nowUs);
    }

    private void Answer(in CommandRequest request, CommandReply reply, byte sequence, long nowUs)
    {
        _recent[_recentNext] = new RecentAck { Request = request, Reply = reply, Sequence = sequence, TimeUs = nowUs, Valid = true };
        _recentNext = (_recentNext + 1) % RecentCount;
        SendAck(request, reply);
    }

    private void SendAck(in CommandRequest request, CommandReply reply)
    {
        var ack = new CommandAck
        {
            Command = request.Command,
            Result = reply.Result,
            Progress = reply.Progress,
            ResultParam2 = reply.ResultParam2,
            TargetSystem = request.SourceSystem,
            TargetComponent = request.SourceComponent,
        };
        _node.Send(ack);
    }

    private CommandReply SafeExecute(ICommandHandler handler, in CommandRequest request, long nowUs)
    {
        try
        {
            return handler.Execute(request, nowUs);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            HandlerErrors++;
            return CommandReply.Failed;
        }
    }

    private CommandReply SafePoll(ICommandHandler handler, in CommandRequest request, long nowUs)
    {
        try
        {
            return handler.Poll(request, nowUs);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            HandlerErrors++;
            return CommandReply.Failed;
        }
    }

    private int FindActive(byte sourceSystem, byte sourceComponent, MavCmd command)
    {
        for (int i = 0; i < MaxActive; i++)
        {
            ref ActiveCommand active = ref _active[i];
            if (active.Handler is not null && active.Request.Command == command
                && active.Request.SourceSystem == sourceSystem && active.Request.SourceComponent == sourceComponent)
            {
                return i;
            }
        }

        return -1;
    }

    private int FindFree()
    {
        for (int i = 0; i < MaxActive; i++)
        {
            if (_active[i].Handler is null)
            {
                return i;
            }
        }

        return -1;
    }

    private int FindRecent(in CommandRequest request, byte sequence, bool retransmission, long nowUs)
    {
        for (int i = 0; i < RecentCount; i++)
        {
            ref RecentAck recent = ref _recent[i];
            if (recent.Valid && nowUs - recent.TimeUs <= DuplicateWindowUs && (retransmission || recent.Sequence == sequence)
                && recent.Request == request)
            {
                return i;
            }
        }

        return -1;
    }

    private struct ActiveCommand
    {
        public ICommandHandler? Handler;
        public CommandRequest Request;
        public byte Progress;
        public byte Sequence;
        public long LastAckUs;
    }

    private struct RecentAck
    {
        public bool Valid;
        public CommandRequest Request;
        public CommandReply Reply;
        public byte Sequence;
        public long TimeUs;
    }
}
