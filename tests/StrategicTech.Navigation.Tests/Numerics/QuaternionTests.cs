using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Numerics;

public class QuaternionTests
{
    [Fact]
    public void Yaw_of_90_degrees_turns_north_into_east()
    {
        Quaternion q = Quaternion.FromEuler(0, 0, Math.PI / 2);
        Vector3 east = q.Rotate(Vector3.UnitX);
        Assert.Equal(0, east.X, 12);
        Assert.Equal(1, east.Y, 12);
        Assert.Equal(0, east.Z, 12);
    }

    [Fact]
    public void Rotation_matrix_agrees_with_rotate()
    {
        Quaternion q = Quaternion.FromEuler(0.3, -0.2, 2.5);
        var v = new Vector3(1.5, -2, 0.25);
        Vector3 a = q.Rotate(v);
        Vector3 b = q.ToRotationMatrix() * v;
        Assert.True((a - b).Length < 1e-12);
        Quaternion back = Quaternion.FromRotationMatrix(q.ToRotationMatrix());
        Assert.True(Quaternion.AngleBetween(q, back) < 1e-12);
    }
}
