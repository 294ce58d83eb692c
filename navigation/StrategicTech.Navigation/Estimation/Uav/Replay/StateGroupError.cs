namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>RMS and maximum difference of one state group between our filter and a reference.</summary>
public sealed record StateGroupError(string Name, string Unit, double Rms, double Max, int Count);
