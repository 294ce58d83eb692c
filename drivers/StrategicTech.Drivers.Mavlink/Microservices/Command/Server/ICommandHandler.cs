namespace StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

/// <summary>
/// Executes one MAV_CMD on the vehicle. Called on the node's receive/tick thread: return quickly and allocate
/// nothing. A long-running command returns <see cref="Dialects.Common.MavResult.InProgress"/> from
/// <see cref="Execute"/>; the server then calls <see cref="Poll"/> every tick until it returns a final result.
/// </summary>
public interface ICommandHandler
{
    CommandReply Execute(in CommandRequest request, long nowUs);

    /// <summary>Progress or final result of a command that is in progress.</summary>
    CommandReply Poll(in CommandRequest request, long nowUs) => CommandReply.Failed;

    /// <summary>COMMAND_CANCEL for a command in progress; true when it was stopped.</summary>
    bool Cancel(in CommandRequest request, long nowUs) => false;
}
