using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// One row of <c>truth_vs_estimate.csv</c> (recorded at <see cref="ScenarioRunner.LogRateHz"/>): truth and the
/// EKF estimate, both in the simulator's home frame (NED, origin at the true take-off point), their errors, the
/// flight mode and the mission item being flown, and the EKF's stated uncertainty with its NEES against truth.
/// Estimated values are NaN before the EKF has a GNSS origin.
/// </summary>
public readonly record struct TruthEstimateRow(
    long TimeUs,
    StrategicTech.Autopilot.Flight.FlightMode Mode,
    bool Armed,
    int MissionIndex,
    Vector3 TruthPositionNedM,
    Vector3 EstimatePositionNedM,
    Vector3 TruthVelocityNedMps,
    Vector3 EstimateVelocityNedMps,
    Vector3 TruthEulerRad,
    Vector3 EstimateEulerRad,
    double PositionErrorM,
    double VelocityErrorMps,
    double AttitudeErrorRad,
    Vector3 WindNedMps,
    StrategicTech.Sim.Lockstep.EstimateConsistency Consistency);
