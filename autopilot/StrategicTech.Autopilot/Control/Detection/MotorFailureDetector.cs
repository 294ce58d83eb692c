using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Detection;

/// <summary>
/// Detects a motor that does not produce its commanded thrust, from a torque residual: what the commanded motor
/// thrusts should produce (the allocator's effectiveness B̂ times the thrust fractions) minus what the gyro says was
/// produced (angular acceleration times inertia, in the same normalised torque units).
/// <para>
/// Why this and not PX4's check: PX4 compares each ESC's reported current with its throttle, which needs ESC
/// telemetry; the vehicle here has none, only the motor commands and the gyro. A motor i delivering (1 − δ) of its
/// commanded thrust tᵢ leaves the residual r = δ·tᵢ·bᵢ, where bᵢ is its column of B̂ (roll, pitch, yaw): the
/// residual points along that motor's own direction, which names the motor, and its length gives δ. In a steady
/// state the rate controller's integrator has already compensated, the gyro reads no acceleration, and the residual
/// is the compensation itself, so a partial loss (a motor at 80 %) is seen as well as a dead motor. Wind acts on
/// the vehicle as a force through the centre of mass, not a torque, and manoeuvres are accounted for by the inertia
/// term, so neither looks like a single motor's loss. Both terms are averaged over
/// <see cref="MotorFailureDetectorParameters.FilterTimeConstantS"/> (motor lag, gyro noise); the loss must exceed the
/// threshold for <see cref="MotorFailureDetectorParameters.TriggerTimeS"/> on the same motor, the residual must lie
/// close to that motor's direction, and only motors commanded at least the minimum thrust are judged, in the air.
/// A failure is latched until <see cref="Reset"/>. Without the inertia (zero) only the steady residual is used.
/// No allocation per <see cref="Update"/>.
/// </para>
/// </summary>
public sealed class MotorFailureDetector
{
    private readonly ControlAllocator _allocator;
    private readonly ThrustCurve _thrustCurve;
    private readonly Vector3 _torquePerRadps2;
    private readonly MotorFailureDetectorParameters _parameters;
    private readonly double[] _filteredThrust;
    private readonly Vector3[] _columns;
    private readonly double[] _columnNormSquared;
    private Vector3 _filteredResidual;
    private Vector3 _previousRateRadps;
    private bool _hasPrevious;
    private int _suspect = -1;
    private long _suspectSinceUs;

    /// <param name="allocator">The allocation whose B̂ maps thrust fractions to normalised torque.</param>
    /// <param name="thrustCurve">The motor model that turned thrust fractions into the commands given to <see cref="Update"/>.</param>
    /// <param name="torquePerRadps2">
    /// Normalised torque per rad/s² of body angular acceleration, per axis: inertia / (<see cref="ControlAllocator.ColumnScale"/>
    /// · one motor's maximum thrust). Zero: unknown, the steady residual only.
    /// </param>
    public MotorFailureDetector(ControlAllocator allocator, ThrustCurve thrustCurve, Vector3 torquePerRadps2, MotorFailureDetectorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(thrustCurve);
        parameters.Validate();
        ParameterCheck.That(torquePerRadps2.IsFinite && torquePerRadps2.X >= 0 && torquePerRadps2.Y >= 0 && torquePerRadps2.Z >= 0,
            nameof(MotorFailureDetector), $"torque per angular acceleration must be finite and not negative, got {torquePerRadps2}");
        _allocator = allocator;
        _thrustCurve = thrustCurve;
        _torquePerRadps2 = torquePerRadps2;
        _parameters = parameters;
        int n = allocator.MotorCount;
        _filteredThrust = new double[n];
        _columns = new Vector3[n];
        _columnNormSquared = new double[n];
        for (int i = 0; i < n; i++)
        {
            _columns[i] = new Vector3(allocator.NormalizedEffectiveness(0, i), allocator.NormalizedEffectiveness(1, i), allocator.NormalizedEffectiveness(2, i));
            _columnNormSquared[i] = Vector3.Dot(_columns[i], _columns[i]);
        }

        FailedMotor = -1;
    }

    /// <summary>The failed motor (0-based), latched; −1 while none.</summary>
    public int FailedMotor { get; private set; }

    public bool Failed => FailedMotor >= 0;

    /// <summary>Time the failure was latched (µs; 0 while none).</summary>
    public long DetectedAtUs { get; private set; }

    /// <summary>The motor whose direction fits the residual best at the last update (−1 when none is judged).</summary>
    public int SuspectMotor { get; private set; } = -1;

    /// <summary>Its estimated loss: the fraction of its commanded thrust it is missing (0 when none is judged).</summary>
    public double SuspectLossFraction { get; private set; }

    /// <summary>The averaged torque residual (normalised roll, pitch, yaw), for logs and tests.</summary>
    public Vector3 Residual => _filteredResidual;

    /// <summary>Forgets the averages and the latched failure (at arming).</summary>
    public void Reset()
    {
        Array.Clear(_filteredThrust);
        _filteredResidual = Vector3.Zero;
        _hasPrevious = false;
        _suspect = -1;
        SuspectMotor = -1;
        SuspectLossFraction = 0;
        FailedMotor = -1;
        DetectedAtUs = 0;
    }

    /// <summary>
    /// One rate-loop step: the motor commands just written (after the thrust curve), the body rate the controller
    /// used, the step, and whether the vehicle is flying (on the ground the residual is the ground's reaction).
    /// </summary>
    public void Update(long timeUs, ReadOnlySpan<double> motorCommands, Vector3 bodyRateRadps, double dtS, bool flying)
    {
        if (!_hasPrevious || !(dtS > 0) || !bodyRateRadps.IsFinite)
        {
            _previousRateRadps = bodyRateRadps.IsFinite ? bodyRateRadps : Vector3.Zero;
            _hasPrevious = bodyRateRadps.IsFinite;
            return;
        }

        Vector3 accelerationRadps2 = (bodyRateRadps - _previousRateRadps) * (1.0 / dtS);
        _previousRateRadps = bodyRateRadps;
        int n = _allocator.MotorCount;
        double alpha = dtS / (_parameters.FilterTimeConstantS + dtS);
        Vector3 commanded = Vector3.Zero;
        for (int i = 0; i < n; i++)
        {
            double thrust = _thrustCurve.ThrustFraction(Math.Clamp(motorCommands[i], 0.0, 1.0));
            commanded += _columns[i] * thrust;
            _filteredThrust[i] += alpha * (thrust - _filteredThrust[i]);
        }

        Vector3 produced = new(accelerationRadps2.X * _torquePerRadps2.X, accelerationRadps2.Y * _torquePerRadps2.Y, accelerationRadps2.Z * _torquePerRadps2.Z);
        _filteredResidual += (commanded - produced - _filteredResidual) * alpha;

        if (Failed)
        {
            return;
        }

        Judge(timeUs, flying, n);
    }

    private void Judge(long timeUs, bool flying, int n)
    {
        int best = -1;
        double bestLoss = 0;
        Vector3 r = _filteredResidual;
        double residualSquared = Vector3.Dot(r, r);
        if (flying && residualSquared > 0)
        {
            double offAxisLimitSquared = _parameters.MaxOffAxisRatio * _parameters.MaxOffAxisRatio * residualSquared;
            for (int i = 0; i < n; i++)
            {
                double thrust = _filteredThrust[i];
                if (thrust < _parameters.MinMotorThrust)
                {
                    continue;
                }

                double along = Vector3.Dot(r, _columns[i]);
                if (along <= 0 || residualSquared - (along * along / _columnNormSquared[i]) > offAxisLimitSquared)
                {
                    continue;
                }

                double loss = along / (_columnNormSquared[i] * thrust);
                if (loss > bestLoss)
                {
                    bestLoss = loss;
                    best = i;
                }
            }
        }

        SuspectMotor = best;
        SuspectLossFraction = bestLoss;
        if (best < 0 || bestLoss < _parameters.LossThreshold)
        {
            _suspect = -1;
            return;
        }

        if (best != _suspect)
        {
            _suspect = best;
            _suspectSinceUs = timeUs;
            return;
        }

        if (timeUs - _suspectSinceUs >= (long)(_parameters.TriggerTimeS * 1e6))
        {
            FailedMotor = best;
            DetectedAtUs = timeUs;
        }
    }
}
