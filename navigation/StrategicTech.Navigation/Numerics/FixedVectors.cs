using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StrategicTech.Navigation.Numerics;

// Fixed-size vectors stored inline ([InlineArray]): no heap, no allocation, usable as fields of a filter class or as
// locals. Each converts implicitly to Span<double> (and element i is v[i]); the span kernels in MatrixKernel,
// Cholesky and CovarianceUpdate do the arithmetic. A 3-vector with named axes is Vector3.

/// <summary>2 doubles inline: a planar position or velocity.</summary>
[InlineArray(Length)]
public struct Vector2
{
    public const int Length = 2;

    private double _element0;

    /// <summary>The elements as a span over this storage.</summary>
    [UnscopedRef]
    public Span<double> AsSpan() => this;

    /// <summary>The elements as a read-only span over this storage.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<double> AsReadOnlySpan() => this;
}

/// <summary>4 doubles inline: a small measurement.</summary>
[InlineArray(Length)]
public struct Vector4
{
    public const int Length = 4;

    private double _element0;

    /// <summary>The elements as a span over this storage.</summary>
    [UnscopedRef]
    public Span<double> AsSpan() => this;

    /// <summary>The elements as a read-only span over this storage.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<double> AsReadOnlySpan() => this;
}

/// <summary>6 doubles inline: the AMR state without the wheel-scale state.</summary>
[InlineArray(Length)]
public struct Vector6
{
    public const int Length = 6;

    private double _element0;

    /// <summary>The elements as a span over this storage.</summary>
    [UnscopedRef]
    public Span<double> AsSpan() => this;

    /// <summary>The elements as a read-only span over this storage.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<double> AsReadOnlySpan() => this;
}

/// <summary>7 doubles inline: the full AMR state.</summary>
[InlineArray(Length)]
public struct Vector7
{
    public const int Length = 7;

    private double _element0;

    /// <summary>The elements as a span over this storage.</summary>
    [UnscopedRef]
    public Span<double> AsSpan() => this;

    /// <summary>The elements as a read-only span over this storage.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<double> AsReadOnlySpan() => this;
}

/// <summary>24 doubles inline: the UAV nominal state, or a 23-state error vector padded to whole SIMD rows.</summary>
[InlineArray(Length)]
public struct Vector24
{
    public const int Length = 24;

    private double _element0;

    /// <summary>The elements as a span over this storage.</summary>
    [UnscopedRef]
    public Span<double> AsSpan() => this;

    /// <summary>The elements as a read-only span over this storage.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<double> AsReadOnlySpan() => this;
}
