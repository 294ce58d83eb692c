namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>One row of PX4's change-indication output: EKF2 state and variances (PX4 order, per-step biases).</summary>
public sealed record ChangeIndicationRow(long TimeUs, double[] State, double[] Variance);
