namespace StrategicTech.Autopilot.Control.Allocation;

/// <summary>One rotor: position in the body frame (FRD: forward, right, metres from the centre of mass) and spin.</summary>
public readonly record struct Motor(double ForwardM, double RightM, MotorSpin Spin)
{
    /// <summary>A rotor on an arm at <paramref name="angleDeg"/> clockwise from the nose (seen from above).</summary>
    public static Motor OnArm(double angleDeg, double armLengthM, MotorSpin spin)
    {
        double a = angleDeg * Math.PI / 180.0;
        return new Motor(armLengthM * Math.Cos(a), armLengthM * Math.Sin(a), spin);
    }
}
