using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Localization;

/// <summary>
/// The likelihood-field sensor model's precomputed tables for one map (Probabilistic Robotics §6.4; Nav2 AMCL's
/// likelihood_field): the exact Euclidean distance from every cell centre to the nearest obstacle cell (squared
/// distance transform of Felzenszwalb and Huttenlocher, 2012), clamped at the maximum distance, and from it the
/// log-likelihood of a beam ending in each cell, ln(z_hit·exp(−d²/2σ²) + z_rand/z_max), so that a particle's scan
/// costs one table read per beam. Also lists the free cells, which global localization and random injection
/// sample from.
/// </summary>
public sealed class LikelihoodField
{
    private readonly float[] _distanceM;
    private readonly float[] _logLikelihood;
    private readonly int[] _freeCells;
    private readonly bool[] _free;
    private readonly double _zHit;
    private readonly double _sigmaHitM;

    /// <summary>Builds the distance field; the likelihood table follows the first <see cref="SetRandomRange"/>.</summary>
    public LikelihoodField(OccupancyGridMap map, MclParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (map.Metadata.OriginYawRad != 0)
        {
            throw new ArgumentException($"map origin yaw {map.Metadata.OriginYawRad} rad is not supported (map_server ignores it too)", nameof(map));
        }

        if (map.Width < 1 || map.Height < 1)
        {
            throw new ArgumentException("map has no cells", nameof(map));
        }

        Width = map.Width;
        Height = map.Height;
        ResolutionM = map.Metadata.ResolutionM;
        OriginXM = map.Metadata.OriginXM;
        OriginYM = map.Metadata.OriginYM;
        MaxDistanceM = parameters.LikelihoodMaxDistM;
        _zHit = parameters.ZHit;
        ZRand = parameters.ZRand;
        _sigmaHitM = parameters.SigmaHitM;

        int cells = Width * Height;
        ReadOnlySpan<sbyte> data = map.Data;
        _free = new bool[cells];
        int freeCount = 0;
        var obstacle = new bool[cells];
        for (int i = 0; i < cells; i++)
        {
            obstacle[i] = data[i] >= parameters.OccupiedThreshold;
            _free[i] = data[i] >= 0 && data[i] < parameters.OccupiedThreshold;
            freeCount += _free[i] ? 1 : 0;
        }

        if (freeCount == 0)
        {
            throw new ArgumentException("map has no free cell to localize in", nameof(map));
        }

        _freeCells = new int[freeCount];
        for (int i = 0, k = 0; i < cells; i++)
        {
            if (_free[i])
            {
                _freeCells[k++] = i;
            }
        }

        _distanceM = DistanceTransform(obstacle, Width, Height, ResolutionM, MaxDistanceM);
        _logLikelihood = new float[cells];
    }

    public int Width { get; }

    public int Height { get; }

    public double ResolutionM { get; }

    public double OriginXM { get; }

    public double OriginYM { get; }

    public double MaxDistanceM { get; }

    /// <summary>Free cells (index y·Width + x): what global localization spreads particles over.</summary>
    public int FreeCellCount => _freeCells.Length;

    /// <summary>The z_rand weight.</summary>
    public double ZRand { get; }

    /// <summary>The z_max of the z_rand term the table was last built for.</summary>
    public double RandomRangeM { get; private set; } = double.NaN;

    /// <summary>Log-likelihood of a beam ending off the map or farther than the maximum distance from any obstacle.</summary>
    public double FarLogLikelihood { get; private set; } = double.NaN;

    /// <summary>Distance (m) from cell (x, y)'s centre to the nearest obstacle cell's centre, clamped at the maximum distance.</summary>
    public double DistanceM(int x, int y) => _distanceM[(y * Width) + x];

    /// <summary>True when cell (x, y) is known free.</summary>
    public bool IsFree(int x, int y) => _free[(y * Width) + x];

    /// <summary>The i-th free cell's index (y·Width + x).</summary>
    public int FreeCell(int i) => _freeCells[i];

    /// <summary>True when the world point lies on a free cell.</summary>
    public bool IsFreeAt(double xM, double yM)
    {
        int cx = (int)Math.Floor((xM - OriginXM) / ResolutionM);
        int cy = (int)Math.Floor((yM - OriginYM) / ResolutionM);
        return (uint)cx < (uint)Width && (uint)cy < (uint)Height && _free[(cy * Width) + cx];
    }

    /// <summary>
    /// Rebuilds the log-likelihood table when the z_rand range changes (the scan's range_max, when laser_max_range
    /// is unset); a no-op otherwise, so it allocates nothing and costs nothing per scan.
    /// </summary>
    public void SetRandomRange(double rangeMaxM)
    {
        if (!(rangeMaxM > 0) || !double.IsFinite(rangeMaxM))
        {
            throw new ArgumentOutOfRangeException(nameof(rangeMaxM), rangeMaxM, "z_rand range must be finite and positive");
        }

        if (rangeMaxM == RandomRangeM)
        {
            return;
        }

        RandomRangeM = rangeMaxM;
        double denominator = 2 * _sigmaHitM * _sigmaHitM;
        double uniform = ZRand / rangeMaxM;
        for (int i = 0; i < _distanceM.Length; i++)
        {
            double d = _distanceM[i];
            _logLikelihood[i] = (float)Math.Log((_zHit * Math.Exp(-(d * d) / denominator)) + uniform);
        }

        FarLogLikelihood = Math.Log((_zHit * Math.Exp(-(MaxDistanceM * MaxDistanceM) / denominator)) + uniform);
    }

    /// <summary>Log-likelihood of a beam endpoint at a world point (the far value off the map).</summary>
    public double LogLikelihoodAt(double xM, double yM)
    {
        int cx = (int)Math.Floor((xM - OriginXM) / ResolutionM);
        int cy = (int)Math.Floor((yM - OriginYM) / ResolutionM);
        return (uint)cx < (uint)Width && (uint)cy < (uint)Height ? _logLikelihood[(cy * Width) + cx] : FarLogLikelihood;
    }

    internal ReadOnlySpan<float> LogLikelihoods => _logLikelihood;

    internal ReadOnlySpan<bool> FreeMask => _free;

    /// <summary>Exact Euclidean distance transform (two passes of the 1-D lower envelope of parabolas), in metres, clamped.</summary>
    private static float[] DistanceTransform(bool[] obstacle, int width, int height, double resolutionM, double maxDistanceM)
    {
        // Squared distances in cells; "infinity" only needs to exceed any real squared distance on the map.
        double infinity = ((double)width * width) + ((double)height * height) + 1;
        int cells = width * height;
        var squared = new double[cells];
        for (int i = 0; i < cells; i++)
        {
            squared[i] = obstacle[i] ? 0 : infinity;
        }

        int longest = Math.Max(width, height);
        var f = new double[longest];
        var d = new double[longest];
        var v = new int[longest];
        var z = new double[longest + 1];

        for (int x = 0; x < width; x++)
        {
            for (int y = 0; y < height; y++)
            {
                f[y] = squared[(y * width) + x];
            }

            Envelope(f, d, v, z, height);
            for (int y = 0; y < height; y++)
            {
                squared[(y * width) + x] = d[y];
            }
        }

        for (int y = 0; y < height; y++)
        {
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                f[x] = squared[row + x];
            }

            Envelope(f, d, v, z, width);
            for (int x = 0; x < width; x++)
            {
                squared[row + x] = d[x];
            }
        }

        var distance = new float[cells];
        for (int i = 0; i < cells; i++)
        {
            distance[i] = (float)Math.Min(Math.Sqrt(squared[i]) * resolutionM, maxDistanceM);
        }

        return distance;
    }

    /// <summary>1-D squared distance transform of sampled function f over n samples: d[q] = min_p (q − p)² + f[p].</summary>
    private static void Envelope(double[] f, double[] d, int[] v, double[] z, int n)
    {
        int k = 0;
        v[0] = 0;
        z[0] = double.NegativeInfinity;
        z[1] = double.PositiveInfinity;
        for (int q = 1; q < n; q++)
        {
            double s = Intersection(f, q, v[k]);
            while (s <= z[k])
            {
                k--;
                s = Intersection(f, q, v[k]);
            }

            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = double.PositiveInfinity;
        }

        k = 0;
        for (int q = 0; q < n; q++)
        {
            while (z[k + 1] < q)
            {
                k++;
            }

            double dq = q - v[k];
            d[q] = (dq * dq) + f[v[k]];
        }
    }

    private static double Intersection(double[] f, int q, int p) =>
        ((f[q] + ((double)q * q)) - (f[p] + ((double)p * p))) / (2.0 * (q - p));
}
