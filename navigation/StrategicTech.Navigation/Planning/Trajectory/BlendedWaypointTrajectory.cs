using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Planning.Trajectory;

/// <summary>
/// Jerk-limited trajectory through a waypoint path that does not stop at corners: each corner is cut within the
/// acceptance radius at a corner speed chosen from the turn angle, the radius and the room on both legs.
/// <para>
/// Corner blend: over the same time window the incoming leg's speed falls from v_c to 0 while the outgoing leg's
/// rises from 0 to v_c, the two speed curves being mirror images (v_in + v_out = v_c). So the speed never exceeds
/// v_c, and acceleration and jerk are the one curve's values times |d_out − d_in| = 2 sin(θ/2): the blend's
/// velocity change uses the limits divided by 2 sin(θ/2) (capped at the full limits), which keeps the vector
/// acceleration and jerk within the limits exactly. The path stays within D_b = v_c·T/2 ≤ acceptance radius of the
/// corner. Between blends each leg changes speed (jerk-limited, zero acceleration at both ends) and adds a
/// double-S "speed bump" on top of its base speed, capped at the speed limit. Acceleration is continuous
/// everywhere and jerk bounded; the motion is rest-to-rest and progress along the path never goes back.
/// </para>
/// <para><see cref="Sample"/> is allocation-free (binary search over precomputed pieces).</para>
/// </summary>
public sealed class BlendedWaypointTrajectory
{
    private readonly Piece[] _pieces;

    public BlendedWaypointTrajectory(ReadOnlySpan<Vector3> waypoints, MotionLimits limits, double acceptanceRadiusM)
    {
        limits.Validate();
        if (!(acceptanceRadiusM >= 0) || !double.IsFinite(acceptanceRadiusM))
        {
            throw new ArgumentOutOfRangeException(nameof(acceptanceRadiusM), acceptanceRadiusM, "acceptance radius must be finite and not negative");
        }

        Limits = limits;
        AcceptanceRadiusM = acceptanceRadiusM;
        List<Vector3> corners = PathCorners.Simplify(waypoints, WaypointTrajectory.CollinearToleranceRad);
        Start = corners[0];
        End = corners[^1];
        int moves = corners.Count - 1;
        var directions = new Vector3[Math.Max(0, moves)];
        var lengths = new double[Math.Max(0, moves)];
        for (int i = 0; i < moves; i++)
        {
            Vector3 delta = corners[i + 1] - corners[i];
            lengths[i] = delta.Length;
            directions[i] = delta / lengths[i];
        }

        // Corner speeds and blends (index k = corner between move k − 1 and move k).
        var cornerSpeed = new double[corners.Count];
        var blends = new VelocityChange[corners.Count];
        for (int k = 1; k < moves; k++)
        {
            double turn = PathCorners.TurnAngleRad(corners[k - 1], corners[k], corners[k + 1]);
            double scale = Math.Max(1, 2 * Math.Sin(turn / 2));
            double blendAccel = limits.MaxAccelerationMps2 / scale;
            double blendJerk = limits.MaxJerkMps3 / scale;
            double room = Math.Min(lengths[k - 1], lengths[k]) / 2;
            double lo = 0;
            double hi = limits.MaxSpeedMps;
            for (int iteration = 0; iteration < 60; iteration++)
            {
                double v = (lo + hi) / 2;
                double blendHalf = new VelocityChange(v, blendAccel, blendJerk).ExtraDistanceM;
                double ramp = new VelocityChange(v, limits.MaxAccelerationMps2, limits.MaxJerkMps3).ExtraDistanceM;
                if (blendHalf <= acceptanceRadiusM && ramp + blendHalf <= room)
                {
                    lo = v;
                }
                else
                {
                    hi = v;
                }
            }

            cornerSpeed[k] = lo;
            blends[k] = new VelocityChange(lo, blendAccel, blendJerk);
        }

        var pieces = new List<Piece>();
        double time = 0;
        double progress = 0;
        for (int i = 0; i < moves; i++)
        {
            Vector3 d = directions[i];
            double blendIn = i > 0 ? blends[i].ExtraDistanceM : 0;
            if (i > 0 && blends[i].DurationS > 0)
            {
                Vector3 origin = corners[i] - (directions[i - 1] * blendIn);
                pieces.Add(Piece.Blend(time, progress, origin, directions[i - 1], d, cornerSpeed[i], blends[i]));
                time += blends[i].DurationS;
                progress += 2 * blendIn; // progress counts distance along each leg: D_b of the incoming one, D_b of the outgoing one
            }

            double blendOut = i + 1 < moves ? blends[i + 1].ExtraDistanceM : 0;
            double vs = i > 0 ? cornerSpeed[i] : 0;
            double ve = i + 1 < moves ? cornerSpeed[i + 1] : 0;
            Vector3 at = corners[i] + (d * blendIn);
            double free = lengths[i] - blendIn - blendOut;
            var change = new VelocityChange(Math.Abs(ve - vs), limits.MaxAccelerationMps2, limits.MaxJerkMps3);
            double rampDistance = (vs + ve) * change.DurationS / 2;
            double cruise = free - rampDistance;
            if (cruise < -1e-9 * Math.Max(1, lengths[i]))
            {
                throw new InvalidOperationException($"move {i}: corner speeds leave {cruise} m for the speed change (planner bug)");
            }

            cruise = Math.Max(0, cruise);
            if (ve > vs)
            {
                AddRamp(pieces, ref time, ref progress, ref at, d, vs, change, up: true);
                AddCruise(pieces, ref time, ref progress, ref at, d, ve, cruise, limits);
            }
            else
            {
                AddCruise(pieces, ref time, ref progress, ref at, d, vs, cruise, limits);
                if (ve < vs)
                {
                    AddRamp(pieces, ref time, ref progress, ref at, d, vs, change, up: false);
                }
            }
        }

        _pieces = [.. pieces];
        DurationS = time;
        LengthM = progress;
        CornerSpeedsMps = cornerSpeed;
    }

    public MotionLimits Limits { get; }

    public double AcceptanceRadiusM { get; }

    public double DurationS { get; }

    /// <summary>Length of the waypoint polyline, m; <see cref="TrajectorySample.PathDistanceM"/> runs from 0 to it, counting each blend's progress along both legs.</summary>
    public double LengthM { get; }

    public Vector3 Start { get; }

    public Vector3 End { get; }

    /// <summary>Speed at each simplified corner (first and last entries: 0, the path's ends).</summary>
    public IReadOnlyList<double> CornerSpeedsMps { get; }

    public TrajectorySample Sample(double timeS)
    {
        if (_pieces.Length == 0 || timeS <= 0)
        {
            return new TrajectorySample(Start, default, default, default, 0);
        }

        if (timeS >= DurationS)
        {
            return new TrajectorySample(End, default, default, default, LengthM);
        }

        int lo = 0;
        int hi = _pieces.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_pieces[mid].StartTimeS <= timeS)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return _pieces[lo].Sample(timeS - _pieces[lo].StartTimeS);
    }

    private static void AddRamp(List<Piece> pieces, ref double time, ref double progress, ref Vector3 at, Vector3 d, double fromSpeed, VelocityChange change, bool up)
    {
        if (change.DurationS <= 0)
        {
            return;
        }

        Piece piece = Piece.Ramp(time, progress, at, d, fromSpeed, change, up);
        pieces.Add(piece);
        double distance = up ? (fromSpeed * change.DurationS) + change.ExtraDistanceM : (fromSpeed * change.DurationS) - change.ExtraDistanceM;
        time += change.DurationS;
        progress += distance;
        at += d * distance;
    }

    private static void AddCruise(List<Piece> pieces, ref double time, ref double progress, ref Vector3 at, Vector3 d, double baseSpeed, double distanceM, MotionLimits limits)
    {
        if (distanceM <= 0)
        {
            return;
        }

        double hold;
        DoubleSProfile bump;
        if (baseSpeed <= 0)
        {
            hold = 0;
            bump = new DoubleSProfile(distanceM, limits);
        }
        else if (baseSpeed >= limits.MaxSpeedMps)
        {
            hold = distanceM / baseSpeed;
            bump = default;
        }
        else
        {
            // Largest bump distance D with baseSpeed·T(D) + D ≤ distance; the rest is flown at the base speed.
            var bumpLimits = new MotionLimits(limits.MaxSpeedMps - baseSpeed, limits.MaxAccelerationMps2, limits.MaxJerkMps3);
            double lo = 0;
            double hi = distanceM;
            for (int iteration = 0; iteration < 80; iteration++)
            {
                double mid = (lo + hi) / 2;
                if ((baseSpeed * new DoubleSProfile(mid, bumpLimits).DurationS) + mid <= distanceM)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            bump = new DoubleSProfile(lo, bumpLimits);
            hold = (distanceM - (baseSpeed * bump.DurationS) - lo) / baseSpeed;
        }

        Piece piece = Piece.Cruise(time, progress, at, d, baseSpeed, hold, bump);
        pieces.Add(piece);
        time += hold + bump.DurationS;
        progress += distanceM;
        at += d * distanceM;
    }

    private enum PieceKind : byte
    {
        RampUp,
        RampDown,
        Cruise,
        Blend,
    }

    /// <summary>One stretch of the trajectory; all kinds in one struct so the array is flat and sampling allocates nothing.</summary>
    private readonly struct Piece
    {
        private readonly PieceKind _kind;
        private readonly double _startProgressM;
        private readonly Vector3 _origin;
        private readonly Vector3 _direction;
        private readonly Vector3 _direction2;
        private readonly double _speedMps;
        private readonly double _holdS;
        private readonly VelocityChange _change;
        private readonly DoubleSProfile _bump;

        private Piece(PieceKind kind, double startTimeS, double startProgressM, Vector3 origin, Vector3 direction, Vector3 direction2,
            double speedMps, double holdS, VelocityChange change, DoubleSProfile bump)
        {
            _kind = kind;
            StartTimeS = startTimeS;
            _startProgressM = startProgressM;
            _origin = origin;
            _direction = direction;
            _direction2 = direction2;
            _speedMps = speedMps;
            _holdS = holdS;
            _change = change;
            _bump = bump;
        }

        public double StartTimeS { get; }

        public static Piece Ramp(double t0, double progress, Vector3 origin, Vector3 d, double fromSpeed, VelocityChange change, bool up) =>
            new(up ? PieceKind.RampUp : PieceKind.RampDown, t0, progress, origin, d, default, fromSpeed, 0, change, default);

        public static Piece Cruise(double t0, double progress, Vector3 origin, Vector3 d, double baseSpeed, double hold, DoubleSProfile bump) =>
            new(PieceKind.Cruise, t0, progress, origin, d, default, baseSpeed, hold, default, bump);

        public static Piece Blend(double t0, double progress, Vector3 origin, Vector3 dIn, Vector3 dOut, double cornerSpeed, VelocityChange change) =>
            new(PieceKind.Blend, t0, progress, origin, dIn, dOut, cornerSpeed, 0, change, default);

        public TrajectorySample Sample(double tau)
        {
            double s;
            double v;
            double a;
            double j;
            switch (_kind)
            {
                case PieceKind.RampUp:
                case PieceKind.RampDown:
                {
                    _change.Sample(tau, out double ds, out double dv, out double da, out double dj);
                    double sign = _kind == PieceKind.RampUp ? 1 : -1;
                    s = (_speedMps * tau) + (sign * ds);
                    v = _speedMps + (sign * dv);
                    a = sign * da;
                    j = sign * dj;
                    break;
                }

                case PieceKind.Cruise:
                {
                    s = _speedMps * tau;
                    v = _speedMps;
                    a = 0;
                    j = 0;
                    if (tau > _holdS)
                    {
                        _bump.Sample(tau - _holdS, out double bs, out double bv, out a, out j);
                        s += bs;
                        v += bv;
                    }

                    break;
                }

                default:
                {
                    // Blend: incoming leg decelerates v_c → 0 while the outgoing one mirrors it 0 → v_c.
                    _change.Sample(tau, out double ds, out double dv, out double da, out double dj);
                    double sIn = (_speedMps * tau) - ds;
                    Vector3 turn = _direction2 - _direction;
                    return new TrajectorySample(
                        _origin + (_direction * sIn) + (_direction2 * ds),
                        (_direction * (_speedMps - dv)) + (_direction2 * dv),
                        turn * da,
                        turn * dj,
                        _startProgressM + sIn + ds);
                }
            }

            return new TrajectorySample(_origin + (_direction * s), _direction * v, _direction * a, _direction * j, _startProgressM + s);
        }
    }
}
