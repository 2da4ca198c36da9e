#pragma once
// GONGWEN_API marks what the shared library exports; everything else is hidden
// (-fvisibility=hidden). A static build exports nothing special.
#if defined(GONGWEN_STATIC_DEFINE)
#define GONGWEN_API
#elif defined(_WIN32)
#if defined(GONGWEN_BUILDING)
#define GONGWEN_API __declspec(dllexport)
#else
#define GONGWEN_API __declspec(dllimport)
#endif
#else
#define GONGWEN_API __attribute__((visibility("default")))
#endif
