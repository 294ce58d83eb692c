using FsCheck.Xunit;
using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

// Every tolerance in this class is a floating-point rounding epsilon (1e-12 .. 1e-6) on an exact identity or limit
// of the algorithm (identity matrix, clamp, direction kept, limit held), not a measured performance figure.
public class ControlAllocatorTests
{
    private static readonly ControlAllocator Quad = new(MultirotorGeometry.QuadX());
    private static readonly ControlAllocator Hex = new(MultirotorGeometry.HexX());

    private static ControlAllocator For(AllocationDemand d) => d.Hex ? Hex : Quad;

    /// <summary>The plain allocation Â·d, before any saturation handling.</summary>
    private static double[] Raw(ControlAllocator a, Vector3 torque, double thrust)
    {
        var u = new double[a.MotorCount];
        for (int i = 0; i < u.Length; i++)
        {
            u[i] = (a.AllocationMatrix(i, 0) * torque.X) + (a.AllocationMatrix(i, 1) * torque.Y)
                + (a.AllocationMatrix(i, 2) * torque.Z) + (a.AllocationMatrix(i, 3) * thrust);
        }

        return u;
    }

    private static double Range(Func<int, double> value, int n)
    {
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            max = Math.Max(max, value(i));
            min = Math.Min(min, value(i));
        }

        return max - min;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Normalised_effectiveness_times_allocation_is_the_identity(bool hex)
    {
        ControlAllocator a = hex ? Hex : Quad;
        for (int row = 0; row < 4; row++)
        {
            for (int column = 0; column < 4; column++)
            {
                double s = 0;
                for (int m = 0; m < a.MotorCount; m++)
                {
                    s += a.NormalizedEffectiveness(row, m) * a.AllocationMatrix(m, column);
                }

                Assert.Equal(row == column ? 1.0 : 0.0, s, 1e-12);
            }
        }
    }

    [Fact]
    public void Quad_x_motor_directions_follow_the_frd_sign_conventions()
    {
        var u = new double[4];

        // Positive roll (right side down): the left motors (2 rear-left, 3 front-left) speed up.
        Quad.Allocate(new Vector3(0.2, 0, 0), 0.5, u);
        Assert.Equal([0.4, 0.6, 0.6, 0.4], u.Select(x => Math.Round(x, 12)));

        // Positive pitch (nose up): the front motors (1, 3) speed up.
        Quad.Allocate(new Vector3(0, 0.2, 0), 0.5, u);
        Assert.Equal([0.6, 0.4, 0.6, 0.4], u.Select(x => Math.Round(x, 12)));

        // Positive yaw (nose right, clockwise from above): the counter-clockwise rotors (1, 2) speed up.
        Quad.Allocate(new Vector3(0, 0, 0.2), 0.5, u);
        Assert.Equal([0.6, 0.6, 0.4, 0.4], u.Select(x => Math.Round(x, 12)));

        // Unit thrust drives every motor to 1.
        Quad.Allocate(Vector3.Zero, 1.0, u);
        Assert.All(u, x => Assert.Equal(1.0, x, 12));
    }

    [Property(Arbitrary = [typeof(AllocationGenerators)], MaxTest = 2000)]
    public void Outputs_are_always_within_zero_and_one(AllocationDemand d)
    {
        ControlAllocator a = For(d);
        var u = new double[a.MotorCount];
        a.Allocate(d.Torque, d.Thrust, u);
        Assert.All(u, x => Assert.InRange(x, 0.0, 1.0));
    }

    [Property(Arbitrary = [typeof(AllocationGenerators)], MaxTest = 2000)]
    public void Unsaturated_demands_are_reproduced_exactly(AllocationDemand d)
    {
        ControlAllocator a = For(d);
        double[] raw = Raw(a, d.Torque, d.Thrust);
        if (raw.Any(x => x < 0 || x > 1))
        {
            return; // saturated: covered by the other properties
        }

        var u = new double[a.MotorCount];
        SaturationStatus status = a.Allocate(d.Torque, d.Thrust, u);
        for (int i = 0; i < u.Length; i++)
        {
            Assert.Equal(raw[i], u[i], 1e-12);
        }

        Vector3 achieved = a.AchievedTorque(u);
        Assert.True((achieved - d.Torque).Length < 1e-12, $"achieved {achieved}");
        Assert.Equal(d.Thrust, a.AchievedThrust(u), 1e-12);
        Assert.False(status.Any);
    }

    [Property(Arbitrary = [typeof(AllocationGenerators)], MaxTest = 2000)]
    public void Roll_pitch_direction_is_kept_and_magnitude_whenever_feasible(AllocationDemand d)
    {
        ControlAllocator a = For(d);
        var u = new double[a.MotorCount];
        a.Allocate(d.Torque, d.Thrust, u);
        Vector3 achieved = a.AchievedTorque(u);

        double demandedNorm = Math.Sqrt((d.Torque.X * d.Torque.X) + (d.Torque.Y * d.Torque.Y));
        double achievedNorm = Math.Sqrt((achieved.X * achieved.X) + (achieved.Y * achieved.Y));
        double cross = (d.Torque.X * achieved.Y) - (d.Torque.Y * achieved.X);
        double dot = (d.Torque.X * achieved.X) + (d.Torque.Y * achieved.Y);
        Assert.True(Math.Abs(cross) <= 1e-9 * Math.Max(1, demandedNorm), $"direction changed: achieved ({achieved.X}, {achieved.Y})");
        Assert.True(dot >= -1e-12, "roll/pitch reversed");
        Assert.True(achievedNorm <= demandedNorm + 1e-9, "roll/pitch amplified");

        // With a free collective, roll/pitch alone fit whenever their motor spread is at most 1: then in full,
        // whatever the yaw demand (yaw never takes roll/pitch authority).
        double spread = Range(i => (a.AllocationMatrix(i, 0) * d.Torque.X) + (a.AllocationMatrix(i, 1) * d.Torque.Y), a.MotorCount);
        if (spread <= 1.0 - 1e-9)
        {
            Assert.Equal(d.Torque.X, achieved.X, 1e-9);
            Assert.Equal(d.Torque.Y, achieved.Y, 1e-9);
        }
        else
        {
            // Roll/pitch alone do not fit: at least the largest fraction they could have alone (more only when the yaw
            // demand happens to make room), never more than demanded.
            Assert.True(achievedNorm / demandedNorm >= (1.0 / spread) - 1e-6, $"scale {achievedNorm / demandedNorm} < {1.0 / spread}");
        }
    }

    [Property(Arbitrary = [typeof(AllocationGenerators)], MaxTest = 2000)]
    public void Yaw_is_sacrificed_before_roll_and_pitch(AllocationDemand d)
    {
        ControlAllocator a = For(d);
        var u = new double[a.MotorCount];
        SaturationStatus status = a.Allocate(d.Torque, d.Thrust, u);
        Vector3 achieved = a.AchievedTorque(u);

        // Yaw keeps its sign and never exceeds the demand.
        Assert.True(achieved.Z * d.Torque.Z >= -1e-9, "yaw reversed");
        Assert.True(Math.Abs(achieved.Z) <= Math.Abs(d.Torque.Z) + 1e-9, "yaw amplified");

        // Whenever yaw falls short, roll and pitch were delivered as far as they can be (scale from the spread rule).
        if (status.Yaw != 0)
        {
            Assert.True(a.LastYawScale < 1.0);
            double spread = Range(i => (a.AllocationMatrix(i, 0) * d.Torque.X) + (a.AllocationMatrix(i, 1) * d.Torque.Y), a.MotorCount);
            double expected = spread <= 1.0 ? 1.0 : 1.0 / spread;
            Assert.Equal(expected, a.LastRollPitchScale, 1e-6);
        }
    }

    [Property(Arbitrary = [typeof(AllocationGenerators)], MaxTest = 1000)]
    public void Saturation_status_reports_the_direction_of_every_shortfall(AllocationDemand d)
    {
        ControlAllocator a = For(d);
        var u = new double[a.MotorCount];
        SaturationStatus status = a.Allocate(d.Torque, d.Thrust, u);
        Vector3 achieved = a.AchievedTorque(u);
        Assert.Equal(Expected(d.Torque.X - achieved.X), status.Roll);
        Assert.Equal(Expected(d.Torque.Y - achieved.Y), status.Pitch);
        Assert.Equal(Expected(d.Torque.Z - achieved.Z), status.Yaw);
        Assert.Equal(Expected(d.Thrust - a.AchievedThrust(u)), status.Thrust);

        static sbyte Expected(double shortfall) => shortfall > 1e-6 ? (sbyte)1 : shortfall < -1e-6 ? (sbyte)-1 : (sbyte)0;
    }

    [Fact]
    public void Full_roll_at_full_thrust_lowers_the_collective_instead_of_losing_roll()
    {
        var u = new double[4];
        SaturationStatus status = Quad.Allocate(new Vector3(1.0, 0, 0), 1.0, u);
        Assert.Equal(1.0, Quad.AchievedTorque(u).X, 1e-12);
        Assert.Equal(0.5, Quad.AchievedThrust(u), 1e-12);
        Assert.Equal(1, status.Thrust);
        Assert.Equal(0, status.Roll);
    }

    [Fact]
    public void Yaw_may_move_the_collective_only_within_its_limit()
    {
        var u = new double[4];

        // Collective 0.9 with yaw ±0.5 on the motors needs a shift of 0.4 down: only 0.15 is allowed, so yaw is cut to 0.5.
        SaturationStatus status = Quad.Allocate(new Vector3(0, 0, 1.0), 0.9, u);
        Assert.Equal(0.5, Quad.AchievedTorque(u).Z, 1e-6);
        Assert.Equal(0.75, Quad.AchievedThrust(u), 1e-6);
        Assert.Equal(1, status.Yaw);
    }

    [Fact]
    public void Non_finite_demand_gives_motors_at_zero_and_is_counted()
    {
        var a = new ControlAllocator(MultirotorGeometry.QuadX());
        var u = new double[4];
        a.Allocate(new Vector3(double.NaN, 0, 0), 0.5, u);
        Assert.All(u, x => Assert.Equal(0.0, x));
        Assert.Equal(1, a.NonFiniteDemandCount);
    }

    [Fact]
    public void Collinear_rotors_are_rejected_as_rank_deficient()
    {
        var line = new MultirotorGeometry(
            "line",
            [
                new Motor(0.3, 0, MotorSpin.Clockwise),
                new Motor(0.1, 0, MotorSpin.CounterClockwise),
                new Motor(-0.1, 0, MotorSpin.Clockwise),
                new Motor(-0.3, 0, MotorSpin.CounterClockwise),
            ],
            0.016);
        var e = Assert.Throws<ArgumentException>(() => new ControlAllocator(line));
        Assert.Contains("line", e.Message, StringComparison.Ordinal);
        Assert.Contains("rank deficient", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_short_output_span_is_rejected_with_the_counts()
    {
        var e = Assert.Throws<ArgumentException>(() => Hex.Allocate(Vector3.Zero, 0.5, new double[4]));
        Assert.Contains("4", e.Message, StringComparison.Ordinal);
        Assert.Contains("6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocation_allocates_nothing_even_when_saturated()
    {
        var a = new ControlAllocator(MultirotorGeometry.HexX());
        var u = new double[6];
        var demand = new Vector3(1.5, -0.8, 0.9);
        Allocations.AssertZero(() => a.Allocate(demand, 0.95, u), 10_000);
    }
}
