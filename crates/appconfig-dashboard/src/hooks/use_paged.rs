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

/// Loads the first page of the list `key` (when given) and the next ones on `load_more`.
#[hook]
pub fn use_paged(api: Option<Rc<Api>>, key: Option<ListKey>, fetch: PageFetch) -> Paged {
    let pages = use_state(|| Rc::new(Vec::<PageItems>::new()));
    let next_token = use_state(|| None::<String>);
    let loading = use_state(|| false);
    let problem = use_state(|| None::<Problem>);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));

    let load = {
        let (pages, next_token, loading, problem) = (
            pages.clone(),
            next_token.clone(),
            loading.clone(),
            problem.clone(),
        );
        let generation = generation.clone();
        move |api: Rc<Api>, key: ListKey, token: Option<String>, existing: Rc<Vec<PageItems>>| {
            let gen = generation.borrow().get();
            let current = generation.borrow().clone();
            loading.set(true);
            problem.set(None);
            let (pages, next_token, loading, problem) = (
                pages.clone(),
                next_token.clone(),
                loading.clone(),
                problem.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch(api, key, token).await;
                if current.get() != gen {
                    return;
                }
                loading.set(false);
                match result {
                    Ok((page, token)) => {
                        let mut all = (*existing).clone();
                        all.push(page);
                        pages.set(Rc::new(all));
                        next_token.set(token);
                    }
                    Err(p) => problem.set(Some(p)),
                }
            });
        }
    };

    {
        let load = load.clone();
        let (pages, next_token, problem) = (pages.clone(), next_token.clone(), problem.clone());
        let generation = generation.clone();
        use_effect_with((api.clone(), key.clone()), move |(api, key)| {
            let g = generation.borrow().clone();
            g.set(g.get().wrapping_add(1));
            pages.set(Rc::new(Vec::new()));
            next_token.set(None);
            problem.set(None);
            if let (Some(api), Some(key)) = (api.clone(), key.clone()) {
                load(api, key, None, Rc::new(Vec::new()));
            }
        });
    }

    let load_more = {
        let (pages, next_token, loading) = (pages.clone(), next_token.clone(), loading.clone());
        Callback::from(move |()| {
            if *loading {
                return;
            }
            if let (Some(api), Some(key), Some(token)) =
                (api.clone(), key.clone(), (*next_token).clone())
            {
                load(api, key, Some(token), (*pages).clone());
            }
        })
    };

    Paged {
        pages: (*pages).clone(),
        next_token: (*next_token).clone(),
        loading: *loading,
        problem: (*problem).clone(),
        load_more,
    }
}
