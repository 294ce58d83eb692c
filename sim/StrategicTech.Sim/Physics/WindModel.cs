using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// Evaluates <see cref="WindParameters"/> over time. Turbulence uses the exact discretisation of the Gauss–Markov
/// process (x ← φx + σ√(1−φ²)·n, φ = e^(−dt/τ)), so its variance is right for any step. Seeded, allocation-free.
/// </summary>
public sealed class WindModel
{
    private readonly WindParameters _parameters;
    private DeterministicRandom _random;
    private Vector3 _turbulenceNedMps;
    private double _timeToNextGustS;
    private double _gustElapsedS = double.PositiveInfinity;
    private Vector3 _gustPeakNedMps;
    private double _cachedDtS = double.NaN;
    private double _phi;
    private double _drive;

    public WindModel(WindParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Validate(parameters);
        _parameters = parameters;
        _random = new DeterministicRandom(seed);
        _timeToNextGustS = parameters.GustMaxMps > 0 ? _random.NextExponential(parameters.GustMeanIntervalS) : double.PositiveInfinity;
        _turbulenceNedMps = new(
            parameters.TurbulenceStdDevNedMps.X * _random.NextGaussian(),
            parameters.TurbulenceStdDevNedMps.Y * _random.NextGaussian(),
            parameters.TurbulenceStdDevNedMps.Z * _random.NextGaussian());
    }

    /// <summary>The wind now (NED, m/s): steady + turbulence + gust.</summary>
    public Vector3 WindNedMps { get; private set; }

    /// <summary>Advances the random processes by <paramref name="dtS"/> and updates <see cref="WindNedMps"/>.</summary>
    public void Step(double dtS)
    {
        WindParameters p = _parameters;
        Vector3 sigma = p.TurbulenceStdDevNedMps;
        if (sigma.X > 0 || sigma.Y > 0 || sigma.Z > 0)
        {
            if (dtS != _cachedDtS)
            {
                _cachedDtS = dtS;
                _phi = Math.Exp(-dtS / p.TurbulenceCorrelationTimeS);
                _drive = Math.Sqrt(1 - (_phi * _phi));
            }

            double phi = _phi, drive = _drive;
            _turbulenceNedMps = new(
                (phi * _turbulenceNedMps.X) + (sigma.X * drive * _random.NextGaussian()),
                (phi * _turbulenceNedMps.Y) + (sigma.Y * drive * _random.NextGaussian()),
                (phi * _turbulenceNedMps.Z) + (sigma.Z * drive * _random.NextGaussian()));
        }

        Vector3 gust = Vector3.Zero;
        if (p.GustMaxMps > 0)
        {
            _timeToNextGustS -= dtS;
            if (_timeToNextGustS <= 0)
            {
                double directionRad = 2 * Math.PI * _random.NextDouble();
                double peak = p.GustMaxMps * (0.5 + (0.5 * _random.NextDouble()));
                _gustPeakNedMps = new(peak * Math.Cos(directionRad), peak * Math.Sin(directionRad), 0);
                _gustElapsedS = 0;
                _timeToNextGustS = p.GustDurationS + _random.NextExponential(p.GustMeanIntervalS);
            }

            if (_gustElapsedS < p.GustDurationS)
            {
                // The classic discrete gust shape: rises and falls smoothly as ½(1 − cos 2πt/T).
                double shape = 0.5 * (1 - Math.Cos(2 * Math.PI * _gustElapsedS / p.GustDurationS));
                gust = _gustPeakNedMps * shape;
                _gustElapsedS += dtS;
            }
        }

        WindNedMps = p.SteadyNedMps + _turbulenceNedMps + gust;
    }

    private static void Validate(WindParameters p)
    {
        Vector3 sigma = p.TurbulenceStdDevNedMps;
        if (!p.SteadyNedMps.IsFinite || !sigma.IsFinite || sigma.X < 0 || sigma.Y < 0 || sigma.Z < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "wind: steadyNedMps must be finite and turbulenceStdDevNedMps finite and ≥ 0");
        }

        if (!(p.TurbulenceCorrelationTimeS > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p.TurbulenceCorrelationTimeS, "wind: turbulenceCorrelationTimeS must be > 0");
        }

        if (!(p.GustMaxMps >= 0) || !double.IsFinite(p.GustMaxMps))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p.GustMaxMps, "wind: gustMaxMps must be finite and ≥ 0");
        }

        if (p.GustMaxMps > 0 && !(p.GustMeanIntervalS > 0 && p.GustDurationS > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), "wind: gustMeanIntervalS and gustDurationS must be > 0 when gusts are on");
        }
    }
}
