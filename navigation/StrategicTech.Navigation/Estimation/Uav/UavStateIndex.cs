namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// Order of the 24-element nominal state vector (PX4 EKF2 order). Biases are stored as rates (rad/s, m/s^2), not
/// per filter step, because this filter steps at the IMU rate with a variable dt.
/// </summary>
public static class UavStateIndex
{
    public const int QuaternionW = 0;
    public const int QuaternionX = 1;
    public const int QuaternionY = 2;
    public const int QuaternionZ = 3;
    public const int VelocityNorth = 4;
    public const int VelocityEast = 5;
    public const int VelocityDown = 6;
    public const int PositionNorth = 7;
    public const int PositionEast = 8;
    public const int PositionDown = 9;
    public const int GyroBiasX = 10;
    public const int AccelBiasX = 13;
    public const int MagEarthNorth = 16;
    public const int MagBodyX = 19;
    public const int WindNorth = 22;
    public const int WindEast = 23;
    public const int Count = 24;
}

/// <summary>
/// Order of the 23-element error state the covariance describes. Attitude error is a rotation vector in the earth
/// (NED) frame applied on the left: q_true = exp(dTheta) * q_estimate. All other errors are additive and follow the
/// nominal order.
/// </summary>
public static class UavErrorIndex
{
    public const int Attitude = 0;
    public const int Velocity = 3;
    public const int Position = 6;
    public const int GyroBias = 9;
    public const int AccelBias = 12;
    public const int MagEarth = 15;
    public const int MagBody = 18;
    public const int Wind = 21;
    public const int Count = 23;
}
