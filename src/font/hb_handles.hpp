#pragma once
// HarfBuzz handles as hb::unique_ptr (HarfBuzz's own hb-cplusplus.hh): each destroys its object
// with the matching hb_*_destroy. hb-cplusplus.hh defines the subset handles only when
// hb-subset.h came first, so every file takes the handles from here, never from there.
#include <hb.h>
#include <hb-subset.h>
#include <hb-cplusplus.hh>

namespace gongwen {

/// hb::unique_ptr with the reset() of std::unique_ptr, which code written against the earlier
/// std::unique_ptr handles calls.
template <class T>
struct HbHandle : hb::unique_ptr<T> {
  using hb::unique_ptr<T>::unique_ptr;
  HbHandle() : hb::unique_ptr<T>(nullptr) {}
  void reset(T* p = nullptr) { hb::unique_ptr<T>::operator=(hb::unique_ptr<T>(p)); }
};

using HbBlob = HbHandle<hb_blob_t>;
using HbFace = HbHandle<hb_face_t>;
using HbFont = HbHandle<hb_font_t>;
using HbSet = HbHandle<hb_set_t>;
using HbSubsetInput = HbHandle<hb_subset_input_t>;
using HbSubsetPlan = HbHandle<hb_subset_plan_t>;

}  // namespace gongwen
