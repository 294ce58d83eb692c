using StrategicTech.Drivers.Mavlink.Dialects.Common;

namespace StrategicTech.Drivers.Mavlink.Microservices.TimeSync.Server;

/// <summary>
/// Answers TIMESYNC requests (tc1 = 0), broadcast or addressed to this node, with tc1 = this node's clock in ns,
/// ts1 mirrored and target_system/target_component set to the requester (the current common.xml semantics, which
/// let a requester tell its own answers from others'). Allocates nothing.
/// </summary>
public sealed class TimesyncResponder(MavlinkNode node) : IMavlinkService
{
    private readonly MavlinkNode _node = node ?? throw new ArgumentNullException(nameof(node));

    /// <summary>Requests answered.</summary>
    public long Answered { get; private set; }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (frame.MessageId != Timesync.MsgId)
        {
            return;
        }

        Timesync request = Timesync.Decode(frame.Payload);
        if (request.Tc1 != 0 || !_node.IsForMe(request.TargetSystem, request.TargetComponent))
        {
            return;
        }

        _node.Send(new Timesync
        {
            Tc1 = nowUs * 1000,
            Ts1 = request.Ts1,
            TargetSystem = frame.SystemId,
            TargetComponent = frame.ComponentId,
        });
        Answered++;
    }

    public void Tick(long nowUs)
    {
    }
}
