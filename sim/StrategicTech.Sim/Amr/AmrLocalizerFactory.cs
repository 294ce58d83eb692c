using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// The one place the AMR stack gets its map localizer: the Monte Carlo localizer (AMCL-class, likelihood field, KLD
/// particle count) on the same occupancy map, with a seeded generator so a run with the same seed repeats.
/// </summary>
public static class AmrLocalizerFactory
{
    /// <param name="parameters">The localizer's parameters (default: <see cref="MclParameters"/>' defaults, no random injection).</param>
    public static IMapLocalizer Create(OccupancyGridMap map, ulong seed, MclParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new MonteCarloLocalizer(map, parameters ?? new MclParameters(), new Random(unchecked((int)seed)));
    }
}
