using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050;

/// <summary>
/// Refuses to encode, in the 2.x layout, a value that only 3.0 defines (blockingType SINGLE, actionStatus PAUSED or
/// RETRIABLE, operatingMode STARTUP or INTERVENED, errorLevel URGENT or CRITICAL): the 2.x schemas would reject it.
/// </summary>
internal static class V2LayoutGuard
{
    public static void Check(Order order)
    {
        foreach (Node n in order.Nodes)
        {
            Check(n.Actions, "order.nodes");
        }

        foreach (Edge e in order.Edges)
        {
            Check(e.Actions, "order.edges");
        }
    }

    public static void Check(InstantActions actions) => Check(actions.Actions, "instantActions.actions");

    public static void Check(State state)
    {
        if (state.OperatingMode is OperatingMode.Startup or OperatingMode.Intervened)
        {
            throw Refused($"state.operatingMode {state.OperatingMode}");
        }

        if (state.ActionStates.Exists(a => a.ActionStatus is ActionStatus.Paused or ActionStatus.Retriable))
        {
            throw Refused("state.actionStates: actionStatus PAUSED or RETRIABLE");
        }

        if (state.Errors.Exists(e => e.ErrorLevel is ErrorLevel.Urgent or ErrorLevel.Critical))
        {
            throw Refused("state.errors: errorLevel URGENT or CRITICAL");
        }
    }

    private static void Check(List<Vda5050Action> actions, string where)
    {
        if (actions.Exists(a => a.BlockingType == BlockingType.Single))
        {
            throw Refused(where + ": blockingType SINGLE");
        }
    }

    private static ArgumentException Refused(string what) => new($"{what} exists only in VDA 5050 3.0; the 2.x layout cannot carry it");
}
