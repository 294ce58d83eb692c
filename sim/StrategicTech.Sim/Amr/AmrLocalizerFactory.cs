using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// The one place the AMR stack gets its map localizer: the Monte Carlo localizer (AMCL-class, likelihood field, KLD
/// particle count) on the same occupancy map, with a seeded generator so a run with the same seed repeats, wrapped
/// in the kidnap detector and branch-and-bound relocalizer (<see cref="RecoveringLocalizer"/>) unless that is off.
/// </summary>
public static class AmrLocalizerFactory
{
    /// <param name="parameters">The localizer's parameters (default: <see cref="MclParameters"/>' defaults, no random injection).</param>
    /// <param name="recovery">Kidnap recovery's parameters; null: the bare particle filter.</param>
    public static IMapLocalizer Create(OccupancyGridMap map, ulong seed, MclParameters? parameters = null, KidnapRecoveryParameters? recovery = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        MclParameters mclParameters = parameters ?? new MclParameters();
        var field = new LikelihoodField(map, mclParameters);
        var mcl = new MonteCarloLocalizer(field, mclParameters, new Random(unchecked((int)seed)));
        return recovery is null ? mcl : new RecoveringLocalizer(mcl, field, recovery);
    }
}
