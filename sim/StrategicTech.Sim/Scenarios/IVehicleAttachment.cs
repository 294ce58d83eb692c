using StrategicTech.Sim.Lockstep;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Something riding along one simulated vehicle during a scenario run (e.g. its MAVLink endpoint and tlog writer):
/// called after every lockstep tick of that vehicle, disposed when the run ends.
/// </summary>
public interface IVehicleAttachment : IDisposable
{
    void AfterStep(SitlVehicle vehicle, long timeUs);
}
