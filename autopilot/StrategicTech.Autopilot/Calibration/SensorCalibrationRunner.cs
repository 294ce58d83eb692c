using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Calibration;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Calibration;

/// <summary>
/// Runs one sensor calibration at a time the way PX4's commander does, without blocking the loop: it is fed every raw
/// IMU and magnetometer sample (before the corrections stage) and advances by the IMU's time. Stillness and the side
/// the vehicle rests on are judged on short blocks (<see cref="CalibrationSettings.BlockUs"/>). Gyro and level collect a
/// still window; accelerometer collects one still second on each of the six sides, in any order; magnetometer
/// collects samples while the vehicle is turned about the vertical on each of the six sides, then fits the ellipsoid.
/// Progress and prompts go to the vehicle's status texts (STATUSTEXT) in PX4's wording; results are written to the
/// calibration parameters (<see cref="SensorCalibrationParameters"/>) and persisted through <see cref="Persist"/>.
/// All buffers are allocated at construction.
/// </summary>
public sealed class SensorCalibrationRunner
{
    private const double RadToDeg = 180.0 / Math.PI;
    private const int Sides = OrientationDetector.SideCount;
    private readonly ParameterStore _store;
    private readonly SensorCorrections _corrections;
    private readonly StatusTextLog _texts;
    private readonly CalibrationSettings _settings;
    private readonly Vector3[] _sideMeans = new Vector3[Sides];
    private readonly bool[] _sideDone = new bool[Sides];
    private readonly Vector3[] _magSamples;
    private readonly int _magPerSide;
    private VectorStatistics _window;
    private VectorStatistics _blockAccel;
    private VectorStatistics _blockRate;
    private long _startUs;
    private long _phaseStartUs;
    private long _blockStartUs;
    private long _lastMagKeptUs;
    private long _nowUs;
    private AccelOrientation _collecting = AccelOrientation.None;
    private AccelOrientation _lastAnnounced = AccelOrientation.None;
    private int _sidesDone;
    private int _magCount;
    private int _magSideStart;
    private int _lastProgress;
    private bool _awaitingFirstSample;
    private bool _gyroMoved;

    public SensorCalibrationRunner(ParameterStore store, SensorCorrections corrections, StatusTextLog texts, CalibrationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(corrections);
        ArgumentNullException.ThrowIfNull(texts);
        _store = store;
        _corrections = corrections;
        _texts = texts;
        _settings = settings ?? new CalibrationSettings();
        _magPerSide = (int)Math.Max(1, (_settings.MagSideUs / Math.Max(1, _settings.MagSpacingUs)) + 1);
        _magSamples = new Vector3[_magPerSide * Sides];
    }

    /// <summary>The calibration running now (<see cref="CalibrationKind.None"/>: idle).</summary>
    public CalibrationKind Active { get; private set; }

    public bool Running => Active != CalibrationKind.None;

    /// <summary>Calibrations finished with their results stored.</summary>
    public int Completed { get; private set; }

    /// <summary>Calibrations that failed (the reason is in <see cref="LastProblem"/> and the status text).</summary>
    public int Failed { get; private set; }

    public int Cancelled { get; private set; }

    public CalibrationProblem LastProblem { get; private set; }

    /// <summary>The last accelerometer solve, gyro bias, magnetometer fit and level result (for logs and tests).</summary>
    public AccelCalibrationResult LastAccel { get; private set; }

    public GyroBiasResult LastGyro { get; private set; }

    public MagCalibrationResult LastMag { get; private set; }

    public LevelHorizonResult LastLevel { get; private set; }

    /// <summary>Called with the store after results were written (the parameter file's persister).</summary>
    public Action<ParameterStore>? Persist { get; set; }

    /// <summary>Starts <paramref name="kind"/>; denied while armed or while another calibration runs (reason in the status texts).</summary>
    public CommandOutcome Start(CalibrationKind kind, bool armed)
    {
        if (kind == CalibrationKind.None)
        {
            return CommandOutcome.Unsupported;
        }

        if (armed || Running)
        {
            _texts.Add(_nowUs, StatusSeverity.Critical, armed ? CalibrationMessages.DeniedArmed : CalibrationMessages.DeniedBusy);
            return CommandOutcome.Denied;
        }

        Active = kind;
        _awaitingFirstSample = true;
        _gyroMoved = false;
        _window.Reset();
        _blockAccel.Reset();
        _blockRate.Reset();
        Array.Clear(_sideDone);
        _sidesDone = 0;
        _magCount = 0;
        _collecting = AccelOrientation.None;
        _lastAnnounced = AccelOrientation.None;
        _lastProgress = -1;
        _texts.Add(_nowUs, StatusSeverity.Info, CalibrationMessages.Started(kind));
        AnnounceProgress(0);
        return CommandOutcome.Accepted;
    }

    /// <summary>Cancels the running calibration (nothing stored); false when none runs.</summary>
    public bool Cancel()
    {
        if (!Running)
        {
            return false;
        }

        Active = CalibrationKind.None;
        Cancelled++;
        _texts.Add(_nowUs, StatusSeverity.Info, CalibrationMessages.Cancelled);
        return true;
    }

    /// <summary>One raw IMU sample (before corrections). Cheap when idle.</summary>
    public void OnImu(in ImuSample raw)
    {
        _nowUs = raw.TimeUs;
        if (!Running || !(raw.DtS > 0))
        {
            return;
        }

        if (_awaitingFirstSample)
        {
            // Windows and the timeout count from the first sample after the command, not from the last one before it.
            _awaitingFirstSample = false;
            _startUs = raw.TimeUs;
            _phaseStartUs = raw.TimeUs;
            _blockStartUs = raw.TimeUs;
        }

        Vector3 rateRadps = raw.DeltaAngleRad / raw.DtS;
        Vector3 accelMps2 = raw.DeltaVelocityMps / raw.DtS;
        _blockAccel.Add(accelMps2);
        _blockRate.Add(rateRadps);
        switch (Active)
        {
            case CalibrationKind.Gyro:
                _window.Add(rateRadps);
                break;
            case CalibrationKind.Level:
                _window.Add(_corrections.CorrectAccelSensor(accelMps2));
                break;
            case CalibrationKind.Accel when _collecting != AccelOrientation.None:
                _window.Add(accelMps2);
                break;
        }

        if (raw.TimeUs - _startUs > _settings.TimeoutUs)
        {
            Fail(CalibrationProblem.None);
            return;
        }

        if (raw.TimeUs - _blockStartUs >= _settings.BlockUs)
        {
            EndBlock();
            _blockStartUs = raw.TimeUs;
            _blockAccel.Reset();
            _blockRate.Reset();
        }
    }

    /// <summary>One raw magnetometer sample (before corrections); kept while a magnetometer side is collected.</summary>
    public void OnMag(in MagSample raw)
    {
        if (Active != CalibrationKind.Mag || _collecting == AccelOrientation.None || raw.TimeUs - _lastMagKeptUs < _settings.MagSpacingUs)
        {
            return;
        }

        if (_magCount < _magSideStart + _magPerSide && raw.FieldGauss.IsFinite)
        {
            _magSamples[_magCount++] = raw.FieldGauss;
            _lastMagKeptUs = raw.TimeUs;
        }
    }

    private bool BlockStill =>
        _blockAccel.Count > 1 && _blockAccel.MaxStandardDeviation <= _settings.StillAccelStdMps2 && _blockRate.Mean.Length <= _settings.StillRateRadps;

    private void EndBlock()
    {
        long elapsedUs = _nowUs - _phaseStartUs;
        switch (Active)
        {
            case CalibrationKind.Gyro:
                // A steady turn has a small spread but a large mean rate: each block must also be still.
                _gyroMoved |= !BlockStill;
                AnnounceProgress((int)(100 * elapsedUs / _settings.GyroDurationUs));
                if (elapsedUs >= _settings.GyroDurationUs)
                {
                    FinishGyro();
                }

                break;
            case CalibrationKind.Level:
                AnnounceProgress((int)(100 * elapsedUs / _settings.LevelDurationUs));
                if (elapsedUs >= _settings.LevelDurationUs)
                {
                    FinishLevel();
                }

                break;
            case CalibrationKind.Accel:
                AccelBlock(elapsedUs);
                break;
            case CalibrationKind.Mag:
                MagBlock(elapsedUs);
                break;
        }
    }

    private void AccelBlock(long elapsedUs)
    {
        AccelOrientation side = OrientationDetector.Detect(_blockAccel.Mean);
        if (_collecting == AccelOrientation.None)
        {
            TryBeginSide(side);
            return;
        }

        if (!BlockStill || side != _collecting)
        {
            // PX4 restarts the side when the vehicle moves during it.
            _texts.Add(_nowUs, StatusSeverity.Warning, CalibrationMessages.HoldStill);
            _collecting = AccelOrientation.None;
            _lastAnnounced = AccelOrientation.None;
            return;
        }

        if (elapsedUs >= _settings.AccelSideUs)
        {
            _sideMeans[(int)_collecting] = _window.Mean;
            CompleteSide();
            if (_sidesDone == Sides)
            {
                FinishAccel();
            }
        }
    }

    private void MagBlock(long elapsedUs)
    {
        AccelOrientation side = OrientationDetector.Detect(_blockAccel.Mean);
        if (_collecting == AccelOrientation.None)
        {
            if (TryBeginSide(side))
            {
                _magSideStart = _magCount;
                _lastMagKeptUs = long.MinValue / 2;
                _texts.Add(_nowUs, StatusSeverity.Info, CalibrationMessages.RotateAround);
            }

            return;
        }

        if (side != _collecting)
        {
            // Tipped onto another side mid-rotation: drop this side's samples and detect again.
            _magCount = _magSideStart;
            _texts.Add(_nowUs, StatusSeverity.Warning, CalibrationMessages.HoldStill);
            _collecting = AccelOrientation.None;
            _lastAnnounced = AccelOrientation.None;
            return;
        }

        int donePercent = (int)(100 * ((_sidesDone * _settings.MagSideUs) + Math.Min(elapsedUs, _settings.MagSideUs)) / (Sides * _settings.MagSideUs));
        if (donePercent >= _lastProgress + 5)
        {
            AnnounceProgress(donePercent);
        }

        if (elapsedUs >= _settings.MagSideUs)
        {
            CompleteSide();
            if (_sidesDone == Sides)
            {
                FinishMag();
            }
        }
    }

    /// <summary>Starts collecting a side when a still block shows a pending one; announces a side already done once.</summary>
    private bool TryBeginSide(AccelOrientation side)
    {
        if (side == AccelOrientation.None)
        {
            _lastAnnounced = AccelOrientation.None;
            return false;
        }

        if (!BlockStill)
        {
            return false;
        }

        if (_sideDone[(int)side])
        {
            if (_lastAnnounced != side)
            {
                _texts.Add(_nowUs, StatusSeverity.Info, CalibrationMessages.AlreadyDoneText(side));
                _lastAnnounced = side;
            }

            return false;
        }

        _texts.Add(_nowUs, StatusSeverity.Info, CalibrationMessages.DetectedText(side));
        _lastAnnounced = side;
        _collecting = side;
        _phaseStartUs = _nowUs;
        _window.Reset();
        return true;
    }

    private void CompleteSide()
    {
        _sideDone[(int)_collecting] = true;
        _sidesDone++;
        _texts.Add(_nowUs, StatusSeverity.Info, CalibrationMessages.SideDoneText(_collecting));
        _collecting = AccelOrientation.None;
        AnnounceProgress(100 * _sidesDone / Sides);
    }

    private void FinishGyro()
    {
        GyroBiasResult result = _gyroMoved
            ? new GyroBiasResult(CalibrationProblem.Motion, Vector3.Zero, _window.MaxStandardDeviation)
            : GyroBiasCalibration.Solve(_window);
        LastGyro = result;
        if (!result.Succeeded)
        {
            Fail(result.Problem);
            return;
        }

        Store(("CAL_GYRO0_XOFF", result.BiasRadps.X), ("CAL_GYRO0_YOFF", result.BiasRadps.Y), ("CAL_GYRO0_ZOFF", result.BiasRadps.Z));
    }

    private void FinishAccel()
    {
        AccelCalibrationResult result = SixPositionAccelCalibration.Solve(_sideMeans);
        LastAccel = result;
        if (!result.Succeeded)
        {
            Fail(result.Problem);
            return;
        }

        Store(
            ("CAL_ACC0_XOFF", result.OffsetMps2.X), ("CAL_ACC0_YOFF", result.OffsetMps2.Y), ("CAL_ACC0_ZOFF", result.OffsetMps2.Z),
            ("CAL_ACC0_XSCALE", result.Scale.X), ("CAL_ACC0_YSCALE", result.Scale.Y), ("CAL_ACC0_ZSCALE", result.Scale.Z));
    }

    private void FinishMag()
    {
        MagCalibrationResult result = MagnetometerEllipsoidFit.Fit(_magSamples.AsSpan(0, _magCount));
        LastMag = result;
        if (!result.Succeeded)
        {
            Fail(result.Problem);
            return;
        }

        Matrix3 w = result.SoftIron;
        Store(
            ("CAL_MAG0_XOFF", result.OffsetGauss.X), ("CAL_MAG0_YOFF", result.OffsetGauss.Y), ("CAL_MAG0_ZOFF", result.OffsetGauss.Z),
            ("CAL_MAG0_XSCALE", w.M11), ("CAL_MAG0_YSCALE", w.M22), ("CAL_MAG0_ZSCALE", w.M33),
            ("CAL_MAG0_XODIAG", w.M12), ("CAL_MAG0_YODIAG", w.M13), ("CAL_MAG0_ZODIAG", w.M23));
    }

    private void FinishLevel()
    {
        LevelHorizonResult result = LevelHorizonCalibration.Solve(_window);
        LastLevel = result;
        if (!result.Succeeded)
        {
            Fail(result.Problem);
            return;
        }

        Store(("SENS_BOARD_X_OFF", result.RollRad * RadToDeg), ("SENS_BOARD_Y_OFF", result.PitchRad * RadToDeg));
    }

    // Writes the results; all or nothing (every value range-checked first), then announces and persists.
    private void Store(params ReadOnlySpan<(string Name, double Value)> results)
    {
        foreach ((string name, double value) in results)
        {
            int index = _store.IndexOf(name);
            if (index < 0 || _store.Definition(index).ValueProblem(value) is not null)
            {
                Fail(CalibrationProblem.OutOfRange);
                return;
            }
        }

        foreach ((string name, double value) in results)
        {
            _store.TrySet(name, value);
        }

        CalibrationKind kind = Active;
        Active = CalibrationKind.None;
        Completed++;
        LastProblem = CalibrationProblem.None;
        AnnounceProgress(100);
        _texts.Add(_nowUs, StatusSeverity.Info, CalibrationMessages.Done(kind));
        Persist?.Invoke(_store);
    }

    private void Fail(CalibrationProblem problem)
    {
        Active = CalibrationKind.None;
        Failed++;
        LastProblem = problem;
        _texts.Add(_nowUs, StatusSeverity.Critical, CalibrationMessages.Failed(problem));
    }

    private void AnnounceProgress(int percent)
    {
        percent = Math.Clamp(percent, 0, 100);
        if (percent == _lastProgress)
        {
            return;
        }

        _lastProgress = percent;
        _texts.Add(_nowUs, StatusSeverity.Info, CalibrationMessages.ProgressText(percent));
    }
}
