using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// The one place the AMR stack gets its map localizer: the Monte Carlo localizer (AMCL-class, likelihood field, KLD
/// particle count) on the same occupancy map, with a seeded generator so a run with the same seed repeats.
/// </summary>
public static class AmrLocalizerFactory
{
    public static IMapLocalizer Create(OccupancyGridMap map, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new MonteCarloLocalizer(map, new MclParameters(), new Random(unchecked((int)seed)));
    }
}
