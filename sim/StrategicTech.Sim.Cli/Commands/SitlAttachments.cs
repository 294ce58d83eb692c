using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// What rides along each vehicle of a <c>sitl</c> run. THE single attachment point for the MAVLink bridge
/// (<c>--mavlink</c>: UDP endpoint per vehicle, system id = the vehicle's, its own port) and the tlog writer.
/// </summary>
public static class SitlAttachments
{
    public static Func<SitlVehicle, ScenarioVehicle, int, IVehicleAttachment?>? For(SitlSettings settings, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        if (!settings.Mavlink)
        {
            return null;
        }

        // MAVLINK-BRIDGE ATTACHMENT POINT: the sitl-mavlink bridge is not merged yet.
        output.WriteLine("  --mavlink: the MAVLink bridge is not part of this build yet; flying without it");
        return null;
    }
}
