using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Planning.Trajectory;

/// <summary>State on a trajectory at one time: position (m), velocity (m/s), acceleration (m/s²), jerk (m/s³) in the path's frame (NED for UAVs, map XY for AMRs with Z = 0), and distance travelled along the path.</summary>
public readonly record struct TrajectorySample(Vector3 Position, Vector3 Velocity, Vector3 Acceleration, Vector3 Jerk, double PathDistanceM);
