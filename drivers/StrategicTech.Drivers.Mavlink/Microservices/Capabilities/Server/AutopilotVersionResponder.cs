using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

namespace StrategicTech.Drivers.Mavlink.Microservices.Capabilities.Server;

/// <summary>
/// Answers MAV_CMD_REQUEST_MESSAGE (param1 = AUTOPILOT_VERSION's id) and MAV_CMD_REQUEST_AUTOPILOT_CAPABILITIES by
/// sending AUTOPILOT_VERSION, then acknowledging. The capability flags are how clients learn, among others, the
/// parameter encoding (<see cref="Parameters.ParameterCodec.ToCapability"/>). Register it on a
/// <see cref="CommandServer"/> with <see cref="RegisterOn"/>. Other REQUEST_MESSAGE ids go to the handler registered
/// before this one (e.g. a <see cref="Telemetry.Server.TelemetryScheduler"/>), or are answered DENIED.
/// </summary>
public sealed class AutopilotVersionResponder(MavlinkNode node, Dialects.Standard.AutopilotVersion version) : ICommandHandler
{
    private readonly MavlinkNode _node = node ?? throw new ArgumentNullException(nameof(node));
    private ICommandHandler? _requestMessageFallback;

    public Dialects.Standard.AutopilotVersion Version { get; set; } = version;

    public void RegisterOn(CommandServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.TryGetHandler(MavCmd.RequestMessage, out ICommandHandler? previous) && !ReferenceEquals(previous, this))
        {
            _requestMessageFallback = previous;
        }

        server.Register(MavCmd.RequestMessage, this);
        server.Register(MavCmd.RequestAutopilotCapabilities, this);
    }

    public CommandReply Execute(in CommandRequest request, long nowUs)
    {
        if (request.Command == MavCmd.RequestMessage && request.Param1 != Dialects.Standard.AutopilotVersion.MsgId)
        {
            return _requestMessageFallback?.Execute(request, nowUs) ?? CommandReply.Denied;
        }

        _node.Send(Version);
        return CommandReply.Accepted;
    }
}
