using Silk.NET.OpenGL;
using SkiaSharp;

namespace StrategicTech.GroundStation.Platform;

/// <summary>
/// Skia drawing into a GL framebuffer of the current context: framebuffer 0 of a window, or an offscreen
/// framebuffer object made here (RGBA8 colour + depth/stencil renderbuffers) for headless rendering.
/// </summary>
public sealed class SkiaGlTarget : IDisposable
{
    private readonly GL _gl;
    private readonly GRGlInterface _interface;
    private readonly GRContext _context;
    private readonly bool _offscreen;
    private uint _fbo;
    private uint _color;
    private uint _depthStencil;
    private GRBackendRenderTarget? _renderTarget;

    /// <param name="getProcAddress">GL loader of the current context; it must return 0 for names it does not know.</param>
    /// <param name="offscreen">True: render into an FBO made here; false: into the window's framebuffer 0.</param>
    public SkiaGlTarget(Func<string, nint> getProcAddress, int width, int height, bool offscreen)
    {
        ArgumentNullException.ThrowIfNull(getProcAddress);
        _gl = GL.GetApi(getProcAddress);
        _offscreen = offscreen;
        _interface = GRGlInterface.Create(name => getProcAddress(name))
            ?? throw new InvalidOperationException("Skia could not bind the OpenGL functions of this context");
        _context = GRContext.CreateGl(_interface)
            ?? throw new InvalidOperationException("Skia could not create a GL context (OpenGL too old?)");
        Renderer = _gl.GetStringS(StringName.Renderer) ?? "unknown";
        Resize(width, height);
    }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>GL_RENDERER (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)").</summary>
    public string Renderer { get; }

    public SKSurface Surface { get; private set; } = null!;

    public void Resize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Surface?.Dispose();
        _renderTarget?.Dispose();
        DeleteFramebuffer();
        Width = width;
        Height = height;
        if (_offscreen)
        {
            CreateFramebuffer(width, height);
        }

        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, _fbo);
        _gl.Viewport(0, 0, (uint)width, (uint)height);
        var info = new GRGlFramebufferInfo(_fbo, SKColorType.Rgba8888.ToGlSizedFormat());
        _renderTarget = new GRBackendRenderTarget(width, height, 0, 8, info);
        Surface = SKSurface.Create(_context, _renderTarget, GRSurfaceOrigin.BottomLeft, SKColorType.Rgba8888)
            ?? throw new InvalidOperationException($"Skia could not wrap GL framebuffer {_fbo} ({width}x{height})");
    }

    /// <summary>Sends Skia's queued GL work and waits for it (so frame times include the GPU/llvmpipe work).</summary>
    public void Flush()
    {
        _context.Flush();
        _gl.Finish();
    }

    /// <summary>Skia's half of <see cref="Flush"/>: turns the recorded draws into GL calls (tessellation, masks, uploads).</summary>
    public void FlushSkia() => _context.Flush();

    /// <summary>GL's half of <see cref="Flush"/>: waits until the driver (llvmpipe: its rasterizer threads) has drawn everything.</summary>
    public void FinishGl() => _gl.Finish();

    /// <summary>Reads the frame back into a raster bitmap (top row first).</summary>
    public SKBitmap ReadPixels()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (!Surface.ReadPixels(bitmap.Info, bitmap.GetPixels(), bitmap.RowBytes, 0, 0))
        {
            bitmap.Dispose();
            throw new InvalidOperationException("reading the rendered pixels back from GL failed");
        }

        return bitmap;
    }

    public void Dispose()
    {
        Surface?.Dispose();
        _renderTarget?.Dispose();
        _context.Dispose();
        _interface.Dispose();
        DeleteFramebuffer();
        _gl.Dispose();
    }

    private void CreateFramebuffer(int width, int height)
    {
        _fbo = _gl.GenFramebuffer();
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, _fbo);
        _color = _gl.GenRenderbuffer();
        _gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _color);
        _gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Rgba8, (uint)width, (uint)height);
        _gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, _color);
        _depthStencil = _gl.GenRenderbuffer();
        _gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _depthStencil);
        _gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Depth24Stencil8, (uint)width, (uint)height);
        _gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.DepthStencilAttachment, RenderbufferTarget.Renderbuffer, _depthStencil);
        GLEnum status = _gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
        {
            throw new InvalidOperationException($"offscreen framebuffer incomplete: {status}");
        }

        _context.ResetContext();
    }

    private void DeleteFramebuffer()
    {
        if (_fbo != 0)
        {
            _gl.DeleteFramebuffer(_fbo);
            _gl.DeleteRenderbuffer(_color);
            _gl.DeleteRenderbuffer(_depthStencil);
            _fbo = _color = _depthStencil = 0;
        }
    }
}
