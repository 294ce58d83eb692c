using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Tests.Safety;

/// <summary>
/// Rides a scenario run and records the tick the commander announced a predictive fence stop (its STATUSTEXT):
/// the estimate's and truth's position and velocity there (home frame), and how far each went afterwards along east.
/// </summary>
internal sealed class FenceStopProbe : IVehicleAttachment
{
    private long _textsSeen;

    public long StopUs { get; private set; } = -1;

    public Vector3 EstimatePositionM { get; private set; }

    public Vector3 EstimateVelocityMps { get; private set; }

    public Vector3 TruthPositionM { get; private set; }

    public Vector3 TruthVelocityMps { get; private set; }

    public double EstimateMaxEastM { get; private set; } = double.NegativeInfinity;

    public double TruthMaxEastM { get; private set; } = double.NegativeInfinity;

    public void AfterStep(SitlVehicle vehicle, long timeUs)
    {
        Autopilot.Flight.StatusTextLog texts = vehicle.Commander.StatusTexts;
        if (StopUs < 0 && texts.Count != _textsSeen)
        {
            _textsSeen = texts.Count;
            if (texts.Latest.Text.StartsWith("Geofence: stopping", StringComparison.Ordinal))
            {
                StopUs = timeUs;
                EstimatePositionM = vehicle.EstimatedPositionHomeNedM;
                EstimateVelocityMps = vehicle.Estimate.VelocityNedMps;
                TruthPositionM = vehicle.Truth.PositionNedM;
                TruthVelocityMps = vehicle.Truth.VelocityNedMps;
            }
        }

        if (StopUs >= 0 && timeUs < StopUs + 20_000_000)
        {
            EstimateMaxEastM = Math.Max(EstimateMaxEastM, vehicle.EstimatedPositionHomeNedM.Y);
            TruthMaxEastM = Math.Max(TruthMaxEastM, vehicle.Truth.PositionNedM.Y);
        }
    }

    public void Dispose()
    {
    }
}
