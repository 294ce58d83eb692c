using System.Runtime.InteropServices;

namespace StrategicTech.GroundStation.Platform;

/// <summary>The few EGL 1.5 entry points the headless mode needs (libEGL.so.1, glvnd; Mesa provides the surfaceless platform).</summary>
internal static partial class Egl
{
    private const string Lib = "libEGL.so.1";

    public const int None = 0x3038;
    public const int SurfaceType = 0x3033;
    public const int PbufferBit = 0x0001;
    public const int RenderableType = 0x3040;
    public const int OpenGlBit = 0x0008;
    public const int RedSize = 0x3024;
    public const int GreenSize = 0x3023;
    public const int BlueSize = 0x3022;
    public const int AlphaSize = 0x3021;
    public const int StencilSize = 0x3026;
    public const int OpenGlApi = 0x30A2;
    public const int PlatformSurfacelessMesa = 0x31DD;

    [LibraryImport(Lib, EntryPoint = "eglGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);

    [LibraryImport(Lib, EntryPoint = "eglInitialize")]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial uint Initialize(nint display, out int major, out int minor);

    [LibraryImport(Lib, EntryPoint = "eglBindAPI")]
    public static partial uint BindApi(int api);

    [LibraryImport(Lib, EntryPoint = "eglChooseConfig")]
    public static partial uint ChooseConfig(nint display, [In] int[] attributes, [Out] nint[] configs, int size, out int count);

    [LibraryImport(Lib, EntryPoint = "eglCreateContext")]
    public static partial nint CreateContext(nint display, nint config, nint shareContext, [In] int[] attributes);

    [LibraryImport(Lib, EntryPoint = "eglMakeCurrent")]
    public static partial uint MakeCurrent(nint display, nint draw, nint read, nint context);

    [LibraryImport(Lib, EntryPoint = "eglDestroyContext")]
    public static partial uint DestroyContext(nint display, nint context);

    [LibraryImport(Lib, EntryPoint = "eglTerminate")]
    public static partial uint Terminate(nint display);

    [LibraryImport(Lib, EntryPoint = "eglGetError")]
    public static partial int GetError();

    /// <summary>eglGetPlatformDisplay (EGL 1.5) taken through eglGetProcAddress, so an EGL 1.4 loader fails clearly.</summary>
    public static unsafe nint GetPlatformDisplay(int platform)
    {
        nint proc = GetProcAddress("eglGetPlatformDisplayEXT");
        if (proc == 0)
        {
            proc = GetProcAddress("eglGetPlatformDisplay");
        }

        if (proc == 0)
        {
            return 0;
        }

        var fn = (delegate* unmanaged<int, nint, nint*, nint>)proc;
        return fn(platform, 0, null);
    }
}
