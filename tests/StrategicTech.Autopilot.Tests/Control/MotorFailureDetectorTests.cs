using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

/// <summary>The motor-failure detector on synthetic commands and gyro rates (500 Hz), with a linear thrust curve.</summary>
public class MotorFailureDetectorTests
{
    private const double DtS = 0.002;
    private const long DtUs = 2_000;
    private static readonly Vector3 TorquePerRadps2 = new(0.01, 0.01, 0.02);

    private static (ControlAllocator Allocator, MotorFailureDetector Detector) Create(bool hex = true)
    {
        var allocator = new ControlAllocator(hex ? MultirotorGeometry.HexX() : MultirotorGeometry.QuadX());
        return (allocator, new MotorFailureDetector(allocator, ThrustCurve.Linear, TorquePerRadps2, MotorFailureDetectorParameters.Default));
    }

    /// <summary>Runs <paramref name="steps"/> updates of the given commands, the body rate advancing by <paramref name="rateStep"/> per step.</summary>
    private static long Run(MotorFailureDetector d, double[] commands, long timeUs, int steps, Vector3 rateStep = default, bool flying = true)
    {
        Vector3 rate = Vector3.Zero;
        for (int k = 0; k < steps; k++)
        {
            timeUs += DtUs;
            rate += rateStep;
            d.Update(timeUs, commands, rate, DtS, flying);
        }

        return timeUs;
    }

    [Fact]
    public void Balanced_hover_commands_with_a_still_gyro_estimate_no_loss()
    {
        (ControlAllocator a, MotorFailureDetector d) = Create();
        var u = new double[6];
        a.Allocate(Vector3.Zero, 0.5, u);
        Run(d, u, 0, 2_000);
        Assert.False(d.Failed);
        Assert.True(d.SuspectLossFraction < 1e-9, $"{d.SuspectLossFraction}");   // rounding only
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void A_steady_torque_along_one_motors_direction_names_that_motor_after_the_trigger_time(int motor)
    {
        (ControlAllocator a, MotorFailureDetector d) = Create();

        // What a rate controller ends up commanding when motor delivers 60 % of its thrust: extra torque along its column.
        Vector3 column = new(a.NormalizedEffectiveness(0, motor), a.NormalizedEffectiveness(1, motor), a.NormalizedEffectiveness(2, motor));
        var u = new double[6];
        a.Allocate(column * (0.4 * 0.5), 0.5, u);
        long t = Run(d, u, 0, 100);                  // 0.2 s: suspect, not yet failed
        Assert.Equal(motor, d.SuspectMotor);
        Assert.False(d.Failed);
        t = Run(d, u, t, 500);
        Assert.Equal(motor, d.FailedMotor);
        Assert.InRange(d.DetectedAtUs, 300_000, 800_000);   // trigger time 0.3 s after the averaged loss crosses 0.25
        Assert.Equal(0.4 * 0.5 / u[motor], d.SuspectLossFraction, 1e-2); // the averaged loss converges to the injected one
    }

    [Fact]
    public void A_commanded_torque_matched_by_the_gyros_angular_acceleration_is_a_manoeuvre_not_a_failure()
    {
        (ControlAllocator a, MotorFailureDetector d) = Create();
        var u = new double[6];
        Vector3 torque = new(0.3, -0.2, 0.05);
        a.Allocate(torque, 0.5, u);
        Vector3 rateStep = new(torque.X / TorquePerRadps2.X * DtS, torque.Y / TorquePerRadps2.Y * DtS, torque.Z / TorquePerRadps2.Z * DtS);
        Run(d, u, 0, 1_000, rateStep);
        Assert.False(d.Failed);
        Assert.True(d.SuspectLossFraction < 1e-6, $"{d.SuspectLossFraction}");  // the two terms cancel: rounding only
    }

    [Fact]
    public void On_the_ground_an_imbalance_is_not_judged()
    {
        (ControlAllocator a, MotorFailureDetector d) = Create(hex: false);
        var u = new double[4];
        a.Allocate(new Vector3(0.2, 0.2, 0), 0.3, u);
        Run(d, u, 0, 2_000, flying: false);
        Assert.False(d.Failed);
        Assert.Equal(-1, d.SuspectMotor);
    }

    [Fact]
    public void A_failure_stays_latched_until_reset()
    {
        (ControlAllocator a, MotorFailureDetector d) = Create(hex: false);
        Vector3 column = new(a.NormalizedEffectiveness(0, 1), a.NormalizedEffectiveness(1, 1), a.NormalizedEffectiveness(2, 1));
        var u = new double[4];
        a.Allocate(column * 0.25, 0.5, u);
        long t = Run(d, u, 0, 1_000);
        Assert.Equal(1, d.FailedMotor);
        a.Allocate(Vector3.Zero, 0.5, u);
        Run(d, u, t, 1_000);
        Assert.Equal(1, d.FailedMotor);
        d.Reset();
        Assert.False(d.Failed);
    }

    [Fact]
    public void Update_allocates_nothing()
    {
        (ControlAllocator a, MotorFailureDetector d) = Create();
        var u = new double[6];
        a.Allocate(new Vector3(0.1, 0, 0), 0.5, u);
        long t = 0;
        Allocations.AssertZero(() =>
        {
            t += DtUs;
            d.Update(t, u, new Vector3(0.01, 0, 0), DtS, true);
        });
    }
}
