namespace StrategicTech.Autopilot.Amr;

/// <summary>NavigateToPose feedback: distance left along the path, a time estimate, recoveries run and time spent.</summary>
public readonly record struct NavigationFeedback(
    NavigationState State,
    NavigationFailure Failure,
    double DistanceRemainingM,
    double EstimatedTimeRemainingS,
    int Recoveries,
    double NavigationTimeS,
    int Replans);
