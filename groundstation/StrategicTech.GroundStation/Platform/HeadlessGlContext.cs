namespace StrategicTech.GroundStation.Platform;

/// <summary>
/// An OpenGL context with no window and no surface: EGL on Mesa's surfaceless platform (llvmpipe in software). The
/// caller renders into its own framebuffer object. Throws <see cref="InvalidOperationException"/> naming the failing step.
/// </summary>
public sealed class HeadlessGlContext : IDisposable
{
    private readonly nint _display;
    private readonly nint _context;

    public HeadlessGlContext()
    {
        try
        {
            _display = Egl.GetPlatformDisplay(Egl.PlatformSurfacelessMesa);
        }
        catch (DllNotFoundException ex)
        {
            throw new InvalidOperationException("libEGL.so.1 not found: install libegl1 and libegl-mesa0 (Debian)", ex);
        }

        if (_display == 0)
        {
            throw new InvalidOperationException("EGL: no surfaceless platform display (install libegl-mesa0 and libgl1-mesa-dri)");
        }

        if (Egl.Initialize(_display, out int major, out int minor) == 0)
        {
            throw new InvalidOperationException($"eglInitialize failed (0x{Egl.GetError():X})");
        }

        Version = $"EGL {major}.{minor}";
        if (Egl.BindApi(Egl.OpenGlApi) == 0)
        {
            throw new InvalidOperationException($"eglBindAPI(OpenGL) failed (0x{Egl.GetError():X})");
        }

        int[] attributes =
        [
            Egl.SurfaceType, Egl.PbufferBit,
            Egl.RenderableType, Egl.OpenGlBit,
            Egl.RedSize, 8, Egl.GreenSize, 8, Egl.BlueSize, 8, Egl.AlphaSize, 8,
            Egl.StencilSize, 8,
            Egl.None,
        ];
        var configs = new nint[1];
        if (Egl.ChooseConfig(_display, attributes, configs, 1, out int count) == 0 || count < 1)
        {
            throw new InvalidOperationException($"eglChooseConfig found no RGBA8 pbuffer OpenGL config (0x{Egl.GetError():X})");
        }

        _context = Egl.CreateContext(_display, configs[0], 0, [Egl.None]);
        if (_context == 0)
        {
            throw new InvalidOperationException($"eglCreateContext failed (0x{Egl.GetError():X})");
        }

        if (Egl.MakeCurrent(_display, 0, 0, _context) == 0)
        {
            throw new InvalidOperationException($"eglMakeCurrent without a surface failed (0x{Egl.GetError():X})");
        }
    }

    public string Version { get; }

    /// <summary>Address of a GL (or EGL) function for this context.</summary>
    public static nint GetProcAddress(string name) => Egl.GetProcAddress(name);

    public void Dispose()
    {
        Egl.MakeCurrent(_display, 0, 0, 0);
        Egl.DestroyContext(_display, _context);
        Egl.Terminate(_display);
    }
}
