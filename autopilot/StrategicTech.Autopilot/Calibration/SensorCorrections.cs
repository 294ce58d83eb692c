using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Calibration;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Calibration;

/// <summary>
/// The corrections stage between the <see cref="Hal"/> sources and the estimator: the calibration parameters applied
/// to every raw sample. Gyro: ω = R·(ω_raw − bias). Accelerometer: f = R·(scale ⊙ (f_raw − offset)), on the delta
/// values (offset and bias times the sample interval). Magnetometer: b = W·(b_raw − offset) with W the symmetric
/// soft-iron matrix; the board trim R is not applied to it (PX4 applies the board rotation to the board's own
/// sensors; a compass is usually external). The parameters are re-read (by index, no lookup) when the store's
/// version changes, so a PARAM_SET or a finished calibration takes effect at the next sample. Nothing allocates.
/// </summary>
public sealed class SensorCorrections
{
    private const double DegToRad = Math.PI / 180.0;
    private readonly ParameterStore _store;
    private readonly int _first;
    private long _loadedVersion = -1;
    private Vector3 _gyroBiasRadps;
    private Vector3 _accelOffsetMps2;
    private Vector3 _accelScale = new(1, 1, 1);
    private Vector3 _magOffsetGauss;
    private Matrix3 _magSoftIron = Matrix3.Identity;
    private Matrix3 _boardTrim = Matrix3.Identity;
    private bool _hasBoardTrim;

    public SensorCorrections(ParameterStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _first = store.IndexOf(SensorCalibrationParameters.Definitions[0].Name);
        if (_first < 0)
        {
            throw new ArgumentException("the store has no calibration parameters (FlightParameterDefinitions.CreateStore adds them)", nameof(store));
        }

        Refresh();
    }

    public Vector3 GyroBiasRadps => _gyroBiasRadps;

    public Vector3 AccelOffsetMps2 => _accelOffsetMps2;

    public Vector3 AccelScale => _accelScale;

    public Vector3 MagOffsetGauss => _magOffsetGauss;

    public Matrix3 MagSoftIron => _magSoftIron;

    /// <summary>Board to airframe rotation from SENS_BOARD_X_OFF / Y_OFF.</summary>
    public Matrix3 BoardTrim => _boardTrim;

    /// <summary>Re-reads the parameters when the store changed since the last read.</summary>
    public void Refresh()
    {
        if (_store.Version == _loadedVersion)
        {
            return;
        }

        _loadedVersion = _store.Version;
        _gyroBiasRadps = new Vector3(P(0), P(1), P(2));
        _accelOffsetMps2 = new Vector3(P(3), P(4), P(5));
        _accelScale = new Vector3(P(6), P(7), P(8));
        _magOffsetGauss = new Vector3(P(9), P(10), P(11));
        _magSoftIron = new Matrix3(P(12), P(15), P(16), P(15), P(13), P(17), P(16), P(17), P(14));
        double rollRad = P(18) * DegToRad, pitchRad = P(19) * DegToRad;
        _hasBoardTrim = rollRad != 0 || pitchRad != 0;
        _boardTrim = LevelHorizonCalibration.TrimRotation(rollRad, pitchRad);
    }

    public ImuSample Correct(in ImuSample raw)
    {
        double dtS = raw.DtS;
        Vector3 deltaAngle = raw.DeltaAngleRad - (_gyroBiasRadps * dtS);
        Vector3 deltaVelocity = Vector3.Scale(_accelScale, raw.DeltaVelocityMps - (_accelOffsetMps2 * dtS));
        if (_hasBoardTrim)
        {
            deltaAngle = _boardTrim * deltaAngle;
            deltaVelocity = _boardTrim * deltaVelocity;
        }

        return raw with { DeltaAngleRad = deltaAngle, DeltaVelocityMps = deltaVelocity };
    }

    /// <summary>The accelerometer's sensor-level correction only (offset and scale, no board trim), in m/s².</summary>
    public Vector3 CorrectAccelSensor(Vector3 rawMps2) => Vector3.Scale(_accelScale, rawMps2 - _accelOffsetMps2);

    public MagSample Correct(in MagSample raw) => raw with { FieldGauss = _magSoftIron * (raw.FieldGauss - _magOffsetGauss) };

    private double P(int offset) => _store.Get(_first + offset);
}
