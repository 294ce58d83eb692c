using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Estimation;

[Collection(AllocationCollection.Name)]
public sealed class UavEkfAllocationTests
{
    [Fact]
    public void Imu_step_with_all_fusion_sources_allocates_nothing()
    {
        var sim = new SyntheticFlight(seed: 21);
        var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100, MagFusion = MagFusionMode.ThreeAxis });
        while (sim.TimeUs < 12_000_000)
        {
            sim.Step();
            sim.Feed(filter);
        }

        // Feed pre-generated samples so only the filter is measured (the generator allocates its GNSS queue).
        const int iterations = 1000;
        int steps = Allocations.MaxCalls(iterations);
        var imu = new ImuSample[steps];
        var gnss = new GnssSample?[steps];
        var baro = new BaroSample?[steps];
        var mag = new MagSample?[steps];
        for (int i = 0; i < steps; i++)
        {
            sim.Step();
            imu[i] = sim.Imu;
            gnss[i] = sim.HasGnss ? sim.Gnss : null;
            baro[i] = sim.HasBaro ? sim.Baro : null;
            mag[i] = sim.HasMag ? sim.Mag : null;
        }

        int k = 0;
        var range = new RangeSample(0, 0);
        Allocations.AssertZero(() =>
        {
            filter.PushImu(imu[k]);
            if (gnss[k] is { } g)
            {
                filter.PushGnss(g);
            }

            if (baro[k] is { } b)
            {
                filter.PushBaro(b);
                filter.PushRange(range with { TimeUs = b.TimeUs, RangeM = -filter.State.PositionNedM.Z });
            }

            if (mag[k] is { } m)
            {
                filter.PushMag(m);
            }

            k++;
        }, iterations);
        Assert.True(filter.Gnss.LastFusedUs > 12_000_000);
        Assert.True(filter.Mag3Axis.LastFusedUs > 12_000_000);
        Assert.True(filter.Range.LastFusedUs > 12_000_000);
    }

    [Fact]
    public void Each_fusion_allocates_nothing()
    {
        var sim = new SyntheticFlight(seed: 22);
        var filter = new UavEkf(new UavEkfParameters { GnssDelayMs = 100 });
        while (sim.TimeUs < 12_000_000)
        {
            sim.Step();
            sim.Feed(filter);
        }

        UavFilterCore core = filter.Core;
        GnssSample gnss = sim.Gnss;
        var baro = new BaroSample(sim.TimeUs, sim.Baro.AltitudeM);
        MagSample mag = sim.Mag;
        var imu = new ImuSample(0, new Vector3(1e-5, 0, 0), new Vector3(0, 0, -9.80665 * 0.004), 0.004);
        Allocations.AssertZero(() => core.Predict(imu));
        Allocations.AssertZero(() => filter.Gnss.Fuse(core, gnss));
        Allocations.AssertZero(() => filter.Baro.Fuse(core, baro));
        Allocations.AssertZero(() => filter.MagHeading.Fuse(core, mag));
        Allocations.AssertZero(() => filter.Mag3Axis.Fuse(core, mag));
        var range = new RangeSample(sim.TimeUs, -core.PositionNedM.Z + 0.05);
        Allocations.AssertZero(() => filter.Range.Fuse(core, range));
    }
}
