use std::any::Any;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use yew::prelude::*;

use crate::api::{Api, Page};
use crate::errors::Problem;

/// The list to load: its application and environment, empty where the list is not of one
/// (applications: both empty; environments: the environment empty).
pub(crate) type ListKey = (String, String);

/// The items of one page, type-erased (a `Vec` of the list's item type): the hook's state
/// machine is the same code for every list; the item type matters only where a page is parsed
/// ([`erased`]) and where its items are shown ([`Paged::items`]).
#[derive(Clone)]
pub(crate) struct PageItems {
    items: Rc<dyn Any>,
    len: usize,
}

/// One page: its items and the token of the next page.
pub(crate) type ErasedPage = (PageItems, Option<String>);

/// Fetches one page: the client, the list's key and the token of the page.
pub(crate) type PageFetch = fn(
    Rc<Api>,
    ListKey,
    Option<String>,
) -> Pin<Box<dyn Future<Output = Result<ErasedPage, Problem>>>>;

/// A typed page as an [`ErasedPage`].
pub(crate) fn erased<T: 'static>((items, token): Page<T>) -> ErasedPage {
    let len = items.len();
    (
        PageItems {
            items: Rc::new(items),
            len,
        },
        token,
    )
}

/// A list loaded page by page.
#[derive(Clone)]
pub(crate) struct Paged {
    /// Every page loaded so far, each a `Vec` of the list's items.
    pages: Rc<Vec<PageItems>>,
    /// The token of the next page, when there is one.
    pub next_token: Option<String>,
    /// A page is in flight.
    pub loading: bool,
    /// The last failure.
    pub problem: Option<Problem>,
    /// Loads the next page.
    pub load_more: Callback<()>,
}

impl Paged {
    /// Everything loaded so far, in order, as the item type `T` its pages were made of.
    pub(crate) fn items<T: 'static>(&self) -> impl Iterator<Item = &T> {
        self.pages
            .iter()
            .filter_map(|p| p.items.downcast_ref::<Vec<T>>())
            .flatten()
    }

    /// Nothing loaded (yet).
    pub(crate) fn is_empty(&self) -> bool {
        self.pages.iter().all(|p| p.len == 0)
    }
}

/// What [`use_paged`] holds: the pages so far, the next token, a page in flight, the last
/// failure. One reducer rather than four states (one copy of yew's state code, not four).
#[derive(Clone, Default)]
struct PagedState {
    pages: Rc<Vec<PageItems>>,
    next_token: Option<String>,
    loading: bool,
    problem: Option<Problem>,
}

enum PageAction {
    /// Another list (or none): nothing loaded, nothing in flight.
    Reset,
    /// A page was asked for.
    Loading,
    /// A page arrived: appended to the pages so far.
    Loaded(ErasedPage),
    /// A page failed.
    Failed(Problem),
}

impl Reducible for PagedState {
    type Action = PageAction;

    fn reduce(self: Rc<Self>, action: PageAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            PageAction::Reset => s = PagedState::default(),
            PageAction::Loading => {
                s.loading = true;
                s.problem = None;
            }
            PageAction::Loaded((page, token)) => {
                let mut all = (*s.pages).clone();
                all.push(page);
                s.pages = Rc::new(all);
                s.next_token = token;
                s.loading = false;
            }
            PageAction::Failed(p) => {
                s.problem = Some(p);
                s.loading = false;
            }
        }
        Rc::new(s)
    }
}

/// Loads the first page of the list `key` (when given) and the next ones on `load_more`.
#[hook]
pub fn use_paged(api: Option<Rc<Api>>, key: Option<ListKey>, fetch: PageFetch) -> Paged {
    let state = use_reducer(PagedState::default);
    // Bumped for every new list: the answer of a page asked for an earlier one is dropped.
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));

    let load = {
        let dispatch = state.dispatcher();
        let generation = generation.clone();
        move |api: Rc<Api>, key: ListKey, token: Option<String>| {
            let current = generation.borrow().clone();
            let gen = current.get();
            dispatch.dispatch(PageAction::Loading);
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch(api, key, token).await;
                if current.get() == gen {
                    dispatch.dispatch(match result {
                        Ok(page) => PageAction::Loaded(page),
                        Err(p) => PageAction::Failed(p),
                    });
                }
            });
        }
    };

    {
        let load = load.clone();
        let dispatch = state.dispatcher();
        use_effect_with((api.clone(), key.clone()), move |(api, key)| {
            let g = generation.borrow().clone();
            g.set(g.get().wrapping_add(1));
            dispatch.dispatch(PageAction::Reset);
            if let (Some(api), Some(key)) = (api.clone(), key.clone()) {
                load(api, key, None);
            }
        });
    }

    let load_more = {
        let (loading, next_token) = (state.loading, state.next_token.clone());
        Callback::from(move |()| {
            if loading {
                return;
            }
            if let (Some(api), Some(key), Some(token)) =
                (api.clone(), key.clone(), next_token.clone())
            {
                load(api, key, Some(token));
            }
        })
    };

    Paged {
        pages: Rc::clone(&state.pages),
        next_token: state.next_token.clone(),
        loading: state.loading,
        problem: state.problem.clone(),
        load_more,
    }
}
