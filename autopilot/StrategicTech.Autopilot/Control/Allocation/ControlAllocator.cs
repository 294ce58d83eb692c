using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Control.Allocation;

/// <summary>
/// Multirotor control allocation: normalised (roll, pitch, yaw) torque and collective thrust → motor commands in [0, 1].
/// <para>
/// Start-up: the effectiveness matrix B (rows roll, pitch, yaw, thrust; one column per motor, per unit of one motor's
/// maximum thrust) comes from the geometry; its pseudo-inverse A is computed once. Columns of A are scaled so that a
/// unit roll/pitch (shared scale) or yaw demand moves the most affected motor by ±0.5 and a unit thrust drives every
/// motor to 1; <see cref="NormalizedEffectiveness"/> is B with the matching row scaling, so B̂·Â = I.
/// </para>
/// <para>
/// Saturation: (0) a demand that fits with the collective moved by at most <see cref="YawCollectiveShiftLimit"/>
/// is delivered in full (unchanged when it fits as it is); otherwise, in order of priority, (1) roll/pitch with the thrust demand; if no shift of the collective fits the
/// motors in [0, 1], roll and pitch are scaled down together (direction kept) to the largest feasible fraction;
/// (2) yaw is added, the collective may move by at most <see cref="YawCollectiveShiftLimit"/> beyond the shift
/// roll/pitch needed, and yaw is scaled down to what then fits; (3) the collective is shifted as little as possible.
/// Shifts along the thrust column of Â leave the torques untouched, so the achieved roll/pitch torque is exactly the
/// scaled demand, and a demand that fits as it is comes out unchanged (the airmode of PX4's sequential desaturation).
/// </para>
/// <para>
/// Motor failure (<see cref="DisableMotor"/>): like PX4's control allocation, the pseudo-inverse is recomputed without
/// the failed motor's column. On a hex X the motor opposite then gets no collective share; roll, pitch and thrust are
/// allocated to the other four and that motor serves yaw only (see <see cref="YawOnlyMotor"/>), trading yaw authority
/// for attitude. The
/// normalisation (<see cref="ColumnScale"/>, <see cref="ThrustScale"/>) stays that of the intact vehicle, so a demand
/// keeps its physical meaning and the tuned gains still hold. Every single-motor configuration is computed at
/// start-up (no allocation when a motor fails); a layout without the redundancy (a quad) has none.
/// </para>
/// </summary>
public sealed class ControlAllocator
{
    private const int Roll = 0, Pitch = 1, Yaw = 2, Thrust = 3;
    private const double Tolerance = 1e-12;

    private readonly int _motorCount;
    private readonly double[] _effectiveness;   // B̂, 4 × motorCount, row-major
    private readonly double[] _rollPitchColumn;
    private readonly double[] _yawColumn;
    private readonly double[] _trial;
    private readonly Configuration _intact;
    private readonly Configuration?[] _withoutMotor;   // per failed motor; null when the layout cannot lose it
    private Configuration _current;
    private double[] _allocation;               // Â of the current configuration, motorCount × 4, row-major
    private double[] _thrustColumn;             // its thrust column (0 for a dropped motor)
    private double[] _inverseThrustColumn;      // 1 / thrust column (0 for a dropped motor, which the shifts skip)

    public ControlAllocator(MultirotorGeometry geometry, double yawCollectiveShiftLimit = 0.15)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ParameterCheck.InRange(yawCollectiveShiftLimit, 0, 1, nameof(ControlAllocator), nameof(yawCollectiveShiftLimit));
        Geometry = geometry;
        YawCollectiveShiftLimit = yawCollectiveShiftLimit;
        _motorCount = geometry.MotorCount;

        double[,] physical = PhysicalEffectiveness(geometry);
        double[,] inverse = Pseudoinverse.OfFullRowRank(physical, geometry.Name);

        double rollPitchMax = Math.Max(MaxAbsColumn(inverse, Roll), MaxAbsColumn(inverse, Pitch));
        double yawMax = MaxAbsColumn(inverse, Yaw);
        double thrustMax = MaxAbsColumn(inverse, Thrust);
        var columnScale = new[] { 0.5 / rollPitchMax, 0.5 / rollPitchMax, 0.5 / yawMax, 1.0 / thrustMax };
        ColumnScale = new Vector3(columnScale[0], columnScale[1], columnScale[2]);
        ThrustScale = columnScale[3];

        _effectiveness = new double[4 * _motorCount];
        for (int i = 0; i < _motorCount; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                _effectiveness[(j * _motorCount) + i] = physical[j, i] / columnScale[j];
            }
        }

        _intact = Configuration.Intact(inverse, columnScale, _motorCount);
        for (int i = 0; i < _motorCount; i++)
        {
            ParameterCheck.That(
                _intact.Allocation[(i * 4) + Thrust] > 1e-6,
                geometry.Name,
                $"motor {i + 1} would have to slow down for more collective thrust; the geometry is not a usable multirotor");
        }

        _withoutMotor = new Configuration?[_motorCount];
        for (int i = 0; i < _motorCount; i++)
        {
            _withoutMotor[i] = Configuration.TryWithout(physical, columnScale, i);
        }

        _current = _intact;
        _allocation = _intact.Allocation;
        _thrustColumn = _intact.ThrustColumn;
        _inverseThrustColumn = _intact.InverseThrustColumn;
        _rollPitchColumn = new double[_motorCount];
        _yawColumn = new double[_motorCount];
        _trial = new double[_motorCount];
    }

    public MultirotorGeometry Geometry { get; }

    public int MotorCount => _motorCount;

    /// <summary>How far the collective may move to make room for yaw (normalised thrust).</summary>
    public double YawCollectiveShiftLimit { get; }

    /// <summary>
    /// Physical torque per unit normalised demand, per axis, in metres × one motor's maximum thrust T_max:
    /// a normalised roll demand r yields r · ColumnScale.X · T_max N·m.
    /// </summary>
    public Vector3 ColumnScale { get; }

    /// <summary>Total thrust per unit collective, in units of T_max (the motor count for symmetric layouts).</summary>
    public double ThrustScale { get; }

    /// <summary>How many calls had a non-finite demand (replaced by zero torque and zero thrust).</summary>
    public long NonFiniteDemandCount { get; private set; }

    /// <summary>Roll/pitch scale applied in the last call (1 = delivered in full).</summary>
    public double LastRollPitchScale { get; private set; }

    /// <summary>Yaw scale applied in the last call (1 = delivered in full).</summary>
    public double LastYawScale { get; private set; }

    /// <summary>The motor dropped by <see cref="DisableMotor"/> (−1 while every motor is in use).</summary>
    public int FailedMotor => _current.FailedMotor;

    /// <summary>The motor left to yaw only after <see cref="FailedMotor"/> failed (its opposite on a hex X; −1 when none).</summary>
    public int YawOnlyMotor => _current.YawOnly;

    /// <summary>Whether the layout can fly on without <paramref name="motor"/> (a hex can, a quad cannot).</summary>
    public bool CanLose(int motor) => (uint)motor < (uint)_motorCount && _withoutMotor[motor] is not null;

    /// <summary>
    /// Allocates without <paramref name="motor"/> (and its opposite when needed) from now on: its command becomes 0.
    /// False, and nothing changes, when the layout cannot lose it or a motor was already dropped. No allocation.
    /// </summary>
    public bool DisableMotor(int motor)
    {
        if (!CanLose(motor) || _current.FailedMotor >= 0)
        {
            return false;
        }

        Use(_withoutMotor[motor]!);
        return true;
    }

    /// <summary>Back to the intact allocation (a new flight, a replaced motor).</summary>
    public void RestoreAllMotors() => Use(_intact);

    private void Use(Configuration configuration)
    {
        _current = configuration;
        _allocation = configuration.Allocation;
        _thrustColumn = configuration.ThrustColumn;
        _inverseThrustColumn = configuration.InverseThrustColumn;
    }

    /// <summary>Element (axis, motor) of the normalised effectiveness B̂ (axis 0 roll, 1 pitch, 2 yaw, 3 thrust).</summary>
    public double NormalizedEffectiveness(int axis, int motor) => _effectiveness[(axis * _motorCount) + motor];

    /// <summary>Element (motor, axis) of the normalised allocation matrix Â.</summary>
    public double AllocationMatrix(int motor, int axis) => _allocation[(motor * 4) + axis];

    /// <summary>
    /// Writes motor commands in [0, 1] to <paramref name="motors"/> (length ≥ <see cref="MotorCount"/>) for a
    /// normalised torque demand and a collective thrust in [0, 1]; returns what could not be delivered.
    /// </summary>
    public SaturationStatus Allocate(Vector3 torque, double thrust, Span<double> motors)
    {
        if (motors.Length < _motorCount)
        {
            ThrowShortOutput(motors.Length);
        }

        if (!torque.IsFinite || !double.IsFinite(thrust))
        {
            NonFiniteDemandCount++;
            torque = Vector3.Zero;
            thrust = 0;
        }

        Span<double> output = motors[.._motorCount];
        double[] allocation = _allocation;
        for (int i = 0; i < _motorCount; i++)
        {
            int row = i * 4;
            _rollPitchColumn[i] = (allocation[row + Roll] * torque.X) + (allocation[row + Pitch] * torque.Y);
            _yawColumn[i] = allocation[row + Yaw] * torque.Z;
            output[i] = allocation[row + Thrust] * thrust;
        }

        // (0) Everything fits, moving the collective by no more than the yaw allowance: deliver it all.
        double limit = YawCollectiveShiftLimit;
        for (int i = 0; i < _motorCount; i++)
        {
            _trial[i] = output[i] + _rollPitchColumn[i] + _yawColumn[i];
        }

        if (ShiftInterval(_trial, -limit, limit, out double fullLow, out double fullHigh))
        {
            double c = Math.Clamp(0.0, fullLow, Math.Max(fullLow, fullHigh));
            for (int i = 0; i < _motorCount; i++)
            {
                output[i] = Math.Clamp(_trial[i] + (c * _thrustColumn[i]), 0.0, 1.0);
            }

            LastRollPitchScale = 1.0;
            LastYawScale = 1.0;
            return Status(output, torque, thrust);
        }

        // (1) roll/pitch first: scaled down only if no collective shift at all can fit them.
        double rollPitchScale = LargestFeasibleScale(output, _rollPitchColumn, double.NegativeInfinity, double.PositiveInfinity);
        AddScaled(output, _rollPitchColumn, rollPitchScale);
        ShiftInterval(output, double.NegativeInfinity, double.PositiveInfinity, out double low, out double high);
        double rollPitchShift = Math.Clamp(0.0, low, Math.Max(low, high));

        // (2) yaw last: it may move the collective at most the limit beyond what roll/pitch needed; else it is scaled.
        // The shift is applied once at the end, so a demand that fits as it is stays exactly as demanded.
        double shiftMin = Math.Min(rollPitchShift, 0.0) - limit;
        double shiftMax = Math.Max(rollPitchShift, 0.0) + limit;
        double yawScale = LargestFeasibleScale(output, _yawColumn, shiftMin, shiftMax);
        AddScaled(output, _yawColumn, yawScale);
        Shift(output, shiftMin, shiftMax);

        for (int i = 0; i < _motorCount; i++)
        {
            output[i] = Math.Clamp(output[i], 0.0, 1.0);
        }

        LastRollPitchScale = rollPitchScale;
        LastYawScale = yawScale;
        return Status(output, torque, thrust);
    }

    /// <summary>Achieved normalised (roll, pitch, yaw) torque of the given motor commands: B̂·u.</summary>
    public Vector3 AchievedTorque(ReadOnlySpan<double> motors) =>
        new(Row(Roll, motors), Row(Pitch, motors), Row(Yaw, motors));

    /// <summary>Achieved normalised collective thrust of the given motor commands.</summary>
    public double AchievedThrust(ReadOnlySpan<double> motors) => Row(Thrust, motors);

    private double Row(int axis, ReadOnlySpan<double> motors)
    {
        double s = 0;
        int offset = axis * _motorCount;
        for (int i = 0; i < _motorCount; i++)
        {
            s += _effectiveness[offset + i] * motors[i];
        }

        return s;
    }

    private SaturationStatus Status(ReadOnlySpan<double> output, Vector3 torque, double thrust)
    {
        Vector3 achieved = AchievedTorque(output);
        double achievedThrust = AchievedThrust(output);
        return new SaturationStatus(
            Direction(torque.X - achieved.X),
            Direction(torque.Y - achieved.Y),
            Direction(torque.Z - achieved.Z),
            Direction(thrust - achievedThrust));
    }

    private static sbyte Direction(double shortfall) => shortfall > 1e-6 ? (sbyte)1 : shortfall < -1e-6 ? (sbyte)-1 : (sbyte)0;

    /// <summary>
    /// Largest k in [0, 1] such that baseline + k·delta can be shifted along the thrust column a, by some c in
    /// [cMin, cMax], into [0, 1]; 0 when even k = 0 cannot.
    /// <para>
    /// With v = b + k·d, a shift exists exactly when every lower bound −vᵢ/aᵢ is at most every upper bound (1 − vⱼ)/aⱼ
    /// and the interval meets [cMin, cMax]. Multiplied out (aᵢ &gt; 0) each condition is linear in k, p + k·q ≤ r:
    /// pairs aᵢ·vⱼ − aⱼ·vᵢ ≤ aᵢ, and −vᵢ ≤ cMax·aᵢ, vᵢ ≤ 1 − cMin·aᵢ. The feasible k form an interval, so its upper end
    /// is the smallest (r − p)/q over the conditions with q &gt; 0: exact, no iteration.
    /// </para>
    /// </summary>
    private double LargestFeasibleScale(ReadOnlySpan<double> baseline, ReadOnlySpan<double> delta, double cMin, double cMax)
    {
        double k = 1.0;
        for (int i = 0; i < _motorCount; i++)
        {
            double ai = _thrustColumn[i], bi = baseline[i], di = delta[i];
            for (int j = 0; j < _motorCount; j++)
            {
                if (j == i)
                {
                    continue;
                }

                double aj = _thrustColumn[j];
                if (!Tighten((ai * baseline[j]) - (aj * bi), (ai * delta[j]) - (aj * di), ai, ref k))
                {
                    return 0.0;
                }
            }

            if (!double.IsPositiveInfinity(cMax) && !Tighten(-bi, -di, cMax * ai, ref k))
            {
                return 0.0;
            }

            if (!double.IsNegativeInfinity(cMin) && !Tighten(bi, di, 1.0 - (cMin * ai), ref k))
            {
                return 0.0;
            }
        }

        return k;
    }

    /// <summary>Applies p + k·q ≤ r to the upper end <paramref name="k"/>; false when even k = 0 violates it.</summary>
    private static bool Tighten(double p, double q, double r, ref double k)
    {
        double slack = r - p;
        if (slack < -Tolerance)
        {
            return false;
        }

        if (q > 0 && k * q > slack)
        {
            k = Math.Max(0.0, slack / q);
        }

        return true;
    }

    /// <summary>The interval of c for which v + c·thrustColumn lies in [0, 1], intersected with [cMin, cMax].</summary>
    private bool ShiftInterval(ReadOnlySpan<double> v, double cMin, double cMax, out double low, out double high)
    {
        low = cMin;
        high = cMax;
        bool fits = true;
        for (int i = 0; i < _motorCount; i++)
        {
            double inverse = _inverseThrustColumn[i];
            if (inverse == 0)
            {
                // No thrust share (a dropped motor, or the idle opposite of one): no shift moves it, it must fit as it is.
                fits &= v[i] >= -Tolerance && v[i] <= 1 + Tolerance;
                continue;
            }

            low = Math.Max(low, -v[i] * inverse);
            high = Math.Min(high, (1.0 - v[i]) * inverse);
        }

        return fits && low <= high + Tolerance;
    }

    /// <summary>Moves the collective as little as possible to bring every motor into [0, 1].</summary>
    private void Shift(Span<double> v, double cMin, double cMax)
    {
        ShiftInterval(v, cMin, cMax, out double low, out double high);
        double c = low > high ? low : Math.Clamp(0.0, low, high);
        if (c != 0.0)
        {
            AddScaled(v, _thrustColumn, c);
        }
    }

    private void AddScaled(Span<double> v, ReadOnlySpan<double> column, double k)
    {
        for (int i = 0; i < _motorCount; i++)
        {
            v[i] += k * column[i];
        }
    }

    private static double[,] PhysicalEffectiveness(MultirotorGeometry geometry)
    {
        int n = geometry.MotorCount;
        var b = new double[4, n];
        for (int i = 0; i < n; i++)
        {
            Motor m = geometry.Motors[i];

            // Thrust T along body −Z at r = (x, y, 0): torque r × (0, 0, −T) = (−y·T, x·T, 0); rotor drag adds ±k·T in yaw.
            b[Roll, i] = -m.RightM;
            b[Pitch, i] = m.ForwardM;
            b[Yaw, i] = (int)m.Spin * geometry.YawMomentRatioM;
            b[Thrust, i] = 1.0;
        }

        return b;
    }

    private static double MaxAbsColumn(double[,] a, int column)
    {
        double max = 0;
        for (int i = 0; i < a.GetLength(0); i++)
        {
            max = Math.Max(max, Math.Abs(a[i, column]));
        }

        return max;
    }

    /// <summary>One allocation: Â (scaled with the intact vehicle's column scales), the failed motor's row zero.</summary>
    private sealed class Configuration
    {
        private Configuration(double[] allocation, int motorCount, int failedMotor, int yawOnly)
        {
            Allocation = allocation;
            FailedMotor = failedMotor;
            YawOnly = yawOnly;
            ThrustColumn = new double[motorCount];
            InverseThrustColumn = new double[motorCount];
            for (int i = 0; i < motorCount; i++)
            {
                // The opposite of a failed hex motor gets no thrust share (± rounding): exactly 0, so the shifts skip it.
                double a = Math.Abs(allocation[(i * 4) + Thrust]) < 1e-9 ? 0 : allocation[(i * 4) + Thrust];
                allocation[(i * 4) + Thrust] = a;
                ThrustColumn[i] = a;
                InverseThrustColumn[i] = a == 0 ? 0 : 1.0 / a;
            }
        }

        public double[] Allocation { get; }

        public double[] ThrustColumn { get; }

        public double[] InverseThrustColumn { get; }

        public int FailedMotor { get; }

        public int YawOnly { get; }

        /// <summary>Â of the intact vehicle from its n×4 pseudo-inverse.</summary>
        public static Configuration Intact(double[,] inverse, double[] columnScale, int motorCount)
        {
            var allocation = new double[motorCount * 4];
            for (int i = 0; i < motorCount; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    allocation[(i * 4) + j] = inverse[i, j] * columnScale[j];
                }
            }

            return new Configuration(allocation, motorCount, -1, -1);
        }

        /// <summary>
        /// The allocation without <paramref name="failed"/>; null when the rest cannot produce every axis (a quad) or one
        /// of them would have to slow down for more thrust. On a hex X the pseudo-inverse gives the motor opposite the
        /// failed one no collective share: pitching or rolling with it would need it below zero, so roll, pitch and
        /// thrust come from the other four alone (a pseudo-inverse of those three rows) and that motor serves yaw only
        /// (the yaw column of the five-motor inverse, torque-free in roll and pitch). Roll and pitch keep their
        /// priority over yaw, as the desaturation orders them: the vehicle may turn slowly, it stays level.
        /// </summary>
        public static Configuration? TryWithout(double[,] physical, double[] columnScale, int failed)
        {
            int n = physical.GetLength(1);
            double[,]? full = InverseWithout(physical, [Roll, Pitch, Yaw, Thrust], failed, -1);
            if (full is null)
            {
                return null;
            }

            int yawOnly = -1;
            for (int i = 0; i < n; i++)
            {
                if (i == failed)
                {
                    continue;
                }

                double a = full[i, Thrust];
                if (a < -1e-9 || (Math.Abs(a) <= 1e-9 && yawOnly >= 0))
                {
                    return null;
                }

                if (Math.Abs(a) <= 1e-9)
                {
                    yawOnly = i;
                }
            }

            var allocation = new double[n * 4];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    allocation[(i * 4) + j] = full[i, j] * columnScale[j];
                }
            }

            if (yawOnly >= 0)
            {
                double[,]? tilt = InverseWithout(physical, [Roll, Pitch, Thrust], failed, yawOnly);
                if (tilt is null)
                {
                    return null;
                }

                for (int i = 0; i < n; i++)
                {
                    allocation[(i * 4) + Roll] = tilt[i, 0] * columnScale[Roll];
                    allocation[(i * 4) + Pitch] = tilt[i, 1] * columnScale[Pitch];
                    allocation[(i * 4) + Thrust] = tilt[i, 2] * columnScale[Thrust];
                    if (i != failed && i != yawOnly && allocation[(i * 4) + Thrust] <= 1e-6)
                    {
                        return null;
                    }
                }
            }

            return new Configuration(allocation, n, failed, yawOnly);
        }

        /// <summary>The pseudo-inverse of the given rows over the motors but two (n × rows, their rows zero); null when singular.</summary>
        private static double[,]? InverseWithout(double[,] physical, int[] rows, int skipA, int skipB)
        {
            int n = physical.GetLength(1);
            int kept = n - 1 - (skipB >= 0 ? 1 : 0);
            if (kept < rows.Length)
            {
                return null;
            }

            var reduced = new double[rows.Length, kept];
            int column = 0;
            for (int i = 0; i < n; i++)
            {
                if (i == skipA || i == skipB)
                {
                    continue;
                }

                for (int r = 0; r < rows.Length; r++)
                {
                    reduced[r, column] = physical[rows[r], i];
                }

                column++;
            }

            double[,] inverse;
            try
            {
                inverse = Pseudoinverse.OfFullRowRank(reduced, "reduced allocation");
            }
            catch (ArgumentException)
            {
                return null;   // singular: the remaining motors cannot control every axis
            }

            var result = new double[n, rows.Length];
            int row = 0;
            for (int i = 0; i < n; i++)
            {
                if (i == skipA || i == skipB)
                {
                    continue;
                }

                for (int r = 0; r < rows.Length; r++)
                {
                    result[i, r] = inverse[row, r];
                }

                row++;
            }

            return result;
        }
    }

    private void ThrowShortOutput(int length) =>
        throw new ArgumentException($"{Geometry.Name}: motor output span has {length} elements, need {_motorCount}");
}
