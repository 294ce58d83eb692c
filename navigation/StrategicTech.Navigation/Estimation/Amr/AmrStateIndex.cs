namespace StrategicTech.Navigation.Estimation.Amr;

/// <summary>Order of the AMR EKF state vector. Wheel scale is the last state so it can be left out (6 states).</summary>
public static class AmrStateIndex
{
    /// <summary>Position east/x in the map frame, m.</summary>
    public const int X = 0;

    /// <summary>Position north/y in the map frame, m.</summary>
    public const int Y = 1;

    /// <summary>Heading from the map x axis, counter-clockwise, rad, wrapped to (-pi, pi].</summary>
    public const int Yaw = 2;

    /// <summary>Forward speed along the body x axis, m/s.</summary>
    public const int Speed = 3;

    /// <summary>Yaw rate, counter-clockwise positive, rad/s.</summary>
    public const int YawRate = 4;

    /// <summary>Gyro z bias: gyro reads yaw rate + bias, rad/s.</summary>
    public const int GyroBias = 5;

    /// <summary>Wheel odometry scale: odometry reads scale x (speed, yaw rate); 1 for perfect wheel radii.</summary>
    public const int WheelScale = 6;

    /// <summary>Largest state count (with wheel scale).</summary>
    public const int Max = 7;
}
