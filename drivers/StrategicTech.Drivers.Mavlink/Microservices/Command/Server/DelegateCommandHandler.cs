namespace StrategicTech.Drivers.Mavlink.Microservices.Command.Server;

/// <summary>A handler for immediate commands, from a function (no progress, no cancel).</summary>
internal sealed class DelegateCommandHandler(Func<CommandRequest, long, CommandReply> execute) : ICommandHandler
{
    public CommandReply Execute(in CommandRequest request, long nowUs) => execute(request, nowUs);
}
