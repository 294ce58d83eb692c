using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// The one place the AMR stack gets its map localizer. Today: dead reckoning (<see cref="OdometryLocalizer"/>, never
/// converged, σ growing with distance); switch this method to the Monte Carlo localizer when it lands.
/// </summary>
public static class AmrLocalizerFactory
{
    public static IMapLocalizer Create(OccupancyGridMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new OdometryLocalizer();
    }
}
