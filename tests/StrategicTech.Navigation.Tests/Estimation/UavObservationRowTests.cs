using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>The generated observation rows (derivation/observation_rows.py) against central differences.</summary>
public sealed class UavObservationRowTests
{
    private const double Eps = 1e-6;
    private static readonly Quaternion Attitude = Quaternion.FromEuler(0.25, -0.35, 2.2);
    private static readonly Vector3 Field = new(0.2, 0.03, 0.43);

    private static Matrix3 Perturbed(int axis, double e)
    {
        var v = new Vector3(axis == 0 ? e : 0, axis == 1 ? e : 0, axis == 2 ? e : 0);
        return (Quaternion.FromRotationVector(v) * Attitude).ToRotationMatrix();
    }

    private static double Diff(Func<double, double> f) => (f(Eps) - f(-Eps)) / (2 * Eps);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Magnetometer_rows_match_numeric_derivatives(int axis)
    {
        Matrix3 r = Attitude.ToRotationMatrix();
        Span<double> h = stackalloc double[6];
        switch (axis)
        {
            case 0: UavObservationRows.MagAxis0(r, Field, h); break;
            case 1: UavObservationRows.MagAxis1(r, Field, h); break;
            default: UavObservationRows.MagAxis2(r, Field, h); break;
        }

        for (int k = 0; k < 3; k++)
        {
            double numericAttitude = Diff(e => (Perturbed(k, e).Transpose() * Field)[axis]);
            var unit = new Vector3(k == 0 ? 1 : 0, k == 1 ? 1 : 0, k == 2 ? 1 : 0);
            double numericField = Diff(e => (r.Transpose() * (Field + (unit * e)))[axis]);
            Assert.Equal(numericAttitude, h[k], 1e-8);
            Assert.Equal(numericField, h[3 + k], 1e-8);
        }
    }

    [Fact]
    public void Heading_row_matches_numeric_derivative_of_321_yaw()
    {
        Span<double> h = stackalloc double[3];
        UavObservationRows.Heading(Attitude.ToRotationMatrix(), h);
        for (int k = 0; k < 3; k++)
        {
            double numeric = Diff(e => Quaternion.FromRotationMatrix(Perturbed(k, e)).ToEuler().Z);
            Assert.Equal(numeric, h[k], 1e-7);
        }
    }

    [Fact]
    public void Range_row_matches_numeric_derivative()
    {
        const double ground = 0.5, down = -7.0;
        Span<double> h = stackalloc double[3];
        UavObservationRows.Range(Attitude.ToRotationMatrix(), ground, down, h);
        Assert.Equal(Diff(e => (ground - (down + e)) / Attitude.ToRotationMatrix().M33), h[0], 1e-7);
        Assert.Equal(Diff(e => (ground - down) / Perturbed(0, e).M33), h[1], 1e-6);
        Assert.Equal(Diff(e => (ground - down) / Perturbed(1, e).M33), h[2], 1e-6);
    }

    [Fact]
    public void Lever_arm_rows_match_numeric_derivative()
    {
        var lever = new Vector3(0.3, -0.1, -0.2);
        Vector3 c = Attitude.Rotate(lever);
        (double, double, double)[] rows = [UavObservationRows.LeverArm0(c), UavObservationRows.LeverArm1(c), UavObservationRows.LeverArm2(c)];
        for (int axis = 0; axis < 3; axis++)
        {
            double[] h = [rows[axis].Item1, rows[axis].Item2, rows[axis].Item3];
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal(Diff(e => (Perturbed(k, e) * lever)[axis]), h[k], 1e-8);
            }
        }
    }
}
