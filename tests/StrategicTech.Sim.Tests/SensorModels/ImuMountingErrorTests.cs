using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;
using StrategicTech.Sim.SensorModels.Samples;
using static StrategicTech.Sim.Tests.SensorModels.SensorFixtures;

namespace StrategicTech.Sim.Tests.SensorModels;

// Tolerances are rounding epsilons on exact identities (ideal IMU, constant specific force and rate).
public sealed class ImuMountingErrorTests
{
    private static ImuSample First(ImuModel imu, Func<long, VehicleTruth> truthAt)
    {
        for (long t = 0; ; t += 1000)
        {
            VehicleTruth truth = truthAt(t);
            if (imu.Update(in truth, out ImuSample s))
            {
                return s;
            }
        }
    }

    [Fact]
    public void A_tilted_board_on_a_level_airframe_reads_the_level_horizon_formula()
    {
        double roll = 3 * Math.PI / 180, pitch = -2 * Math.PI / 180;
        var imu = new ImuModel(ImuParameters.Ideal with { BoardRollOffsetRad = roll, BoardPitchOffsetRad = pitch }, 1);
        ImuSample s = First(imu, t => AtRest(t));
        Vector3 f = s.DeltaVelocityFrdMps / s.DtS;
        // LevelHorizonCalibration: a board rolled φ and pitched θ reads g·(sin θ, −sin φ cos θ, −cos φ cos θ).
        Assert.Equal(G * Math.Sin(pitch), f.X, 10);
        Assert.Equal(-G * Math.Sin(roll) * Math.Cos(pitch), f.Y, 10);
        Assert.Equal(-G * Math.Cos(roll) * Math.Cos(pitch), f.Z, 10);
    }

    [Fact]
    public void A_tilted_board_measures_the_airframe_rate_in_its_own_axes()
    {
        double roll = 0, pitch = Math.PI / 2;
        var imu = new ImuModel(ImuParameters.Ideal with { BoardRollOffsetRad = roll, BoardPitchOffsetRad = pitch }, 1);
        // A yaw rate of the airframe: with the board pitched up 90° its x axis points up, so it reads −r on x.
        const double yawRateRadps = 0.5;
        ImuSample s = First(imu, t => AtRest(t) with { DeltaAngleFrdRad = new Vector3(0, 0, yawRateRadps * 1e-3) });
        Vector3 rate = s.DeltaAngleFrdRad / s.DtS;
        Assert.Equal(-yawRateRadps, rate.X, 10);
        Assert.Equal(0, rate.Y, 10);
        Assert.Equal(0, rate.Z, 10);
    }

    [Fact]
    public void Cross_axis_coupling_mixes_the_specific_force_after_the_per_axis_gain()
    {
        var coupling = new Matrix3(1, 0.01, 0.02, 0, 1, -0.03, 0.005, 0, 1);
        var imu = new ImuModel(ImuParameters.Ideal with { AccelCrossAxis = coupling, AccelGain = new Vector3(1, 1, 1.1) }, 1);
        ImuSample s = First(imu, t => AtRest(t));
        Vector3 f = s.DeltaVelocityFrdMps / s.DtS;
        // Specific force (0, 0, −g), gain 1.1 on z: reading = −1.1·g·(third column).
        Assert.Equal(-1.1 * G * 0.02, f.X, 10);
        Assert.Equal(-1.1 * G * -0.03, f.Y, 10);
        Assert.Equal(-1.1 * G, f.Z, 10);
    }
}
