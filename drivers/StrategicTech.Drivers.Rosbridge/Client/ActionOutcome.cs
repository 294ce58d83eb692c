namespace StrategicTech.Drivers.Rosbridge.Client;

/// <summary>How an action goal ended: the action_msgs/GoalStatus code, rosbridge's result flag and the result (null when absent or on failure).</summary>
public sealed record ActionOutcome<TResult>(sbyte Status, bool Result, TResult? Values, string? FailureText);

/// <summary>A service call answered with <c>result: false</c>; the reason is what the server put in <c>values</c>.</summary>
public sealed class RosServiceException : Exception
{
    public RosServiceException()
    {
    }

    public RosServiceException(string message)
        : base(message)
    {
    }

    public RosServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
