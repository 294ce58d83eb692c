using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Control;

// Every tolerance in this class is a floating-point rounding epsilon (1e-12 .. 1e-6) on an exact identity or limit
// of the algorithm (identity matrix, clamp, direction kept, limit held), not a measured performance figure.
public class ThrustAttitudeMapperTests
{
    private const double Deg = Math.PI / 180.0;
    private static readonly ThrustAttitudeMapper Mapper = new(ThrustAttitudeParameters.Default);

    [Fact]
    public void Zero_acceleration_is_level_at_hover_thrust()
    {
        ThrustAttitudeSetpoint sp = Mapper.Compute(Vector3.Zero, 0);
        Assert.Equal(0.5, sp.CollectiveThrust, 12);
        Assert.True(Quaternion.AngleBetween(sp.AttitudeNed, Quaternion.Identity) < 1e-9);
        Assert.Equal(new Vector3(0, 0, -0.5), sp.ThrustNed);
    }

    [Fact]
    public void Accelerating_north_pitches_nose_down_and_keeps_the_heading()
    {
        ThrustAttitudeSetpoint sp = Mapper.Compute(new Vector3(2, 0, 0), 30 * Deg);
        Vector3 euler = sp.AttitudeNed.ToEuler();
        Assert.Equal(30 * Deg, euler.Z, 9);

        // The thrust (body −Z) leans north by atan(2 / g).
        Vector3 thrustDirection = -sp.AttitudeNed.Rotate(Vector3.UnitZ);
        Assert.Equal(Math.Atan2(2, ThrustAttitudeMapper.GravityMps2), Math.Atan2(thrustDirection.X, -thrustDirection.Z), 9);
        Assert.Equal(0, thrustDirection.Y, 9);
        Assert.Equal(0.5 * Math.Sqrt(1 + Math.Pow(2 / ThrustAttitudeMapper.GravityMps2, 2)), sp.CollectiveThrust, 9);
    }

    [Fact]
    public void Climbing_needs_more_thrust_in_proportion_to_hover()
    {
        ThrustAttitudeSetpoint sp = Mapper.Compute(new Vector3(0, 0, -ThrustAttitudeMapper.GravityMps2 * 0.5), 0);
        Assert.Equal(0.75, sp.CollectiveThrust, 12);
    }

    [Fact]
    public void Vertical_thrust_has_priority_over_horizontal()
    {
        // 30 m/s² sideways is far beyond the 45° tilt limit: altitude-holding thrust is kept, the tilt is cut to 45°.
        ThrustAttitudeSetpoint sp = Mapper.Compute(new Vector3(0, 30, 0), 0);
        Assert.Equal(-0.5, sp.ThrustNed.Z, 12);
        Assert.Equal(0.5, sp.ThrustNed.Y, 12);
        Assert.True(Mapper.IsSaturated);
    }

    public static Arbitrary<Vector3> Accelerations() =>
        (from x in Gen.Choose(-40_000, 40_000)
         from y in Gen.Choose(-40_000, 40_000)
         from z in Gen.Choose(-30_000, 30_000)
         select new Vector3(x / 1000.0, y / 1000.0, z / 1000.0)).ToArbitrary();

    [Property(Arbitrary = [typeof(ThrustAttitudeMapperTests)], MaxTest = 1000)]
    public void Tilt_and_thrust_limits_always_hold_and_yaw_is_the_setpoint(Vector3 acceleration, int yawCentiDeg)
    {
        double yaw = (yawCentiDeg % 18_000) / 100.0 * Deg;
        ThrustAttitudeSetpoint sp = Mapper.Compute(acceleration, yaw);
        Vector3 bodyZ = sp.AttitudeNed.Rotate(Vector3.UnitZ);
        double tilt = Math.Acos(Math.Clamp(bodyZ.Z, -1, 1));
        Assert.True(tilt <= (45 * Deg) + 1e-9, $"tilt {tilt / Deg:F3}°");
        Assert.InRange(sp.CollectiveThrust, 0.08 - 1e-12, 1.0 + 1e-12);
        Assert.Equal(0, Math.IEEERemainder(sp.AttitudeNed.ToEuler().Z - yaw, 2 * Math.PI), 9);

        // The attitude's thrust axis is the thrust vector's direction.
        Assert.True(((-bodyZ * sp.CollectiveThrust) - sp.ThrustNed).Length < 1e-9);
    }

    [Fact]
    public void Inconsistent_thrust_limits_are_rejected_naming_them()
    {
        var bad = ThrustAttitudeParameters.Default with { MinThrust = 0.4, HoverThrust = 0.3 };
        var e = Assert.Throws<ArgumentException>(() => new ThrustAttitudeMapper(bad));
        Assert.Contains("MinThrust < HoverThrust < MaxThrust", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_allocates_nothing()
    {
        var mapper = new ThrustAttitudeMapper(ThrustAttitudeParameters.Default);
        Allocations.AssertZero(() => mapper.Compute(new Vector3(3, -2, -1), 1.0), 10_000);
    }
}
